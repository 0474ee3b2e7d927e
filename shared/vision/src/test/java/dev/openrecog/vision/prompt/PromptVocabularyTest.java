package dev.openrecog.vision.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Real prompts, in both languages, and the taxonomy nodes they resolve to. */
class PromptVocabularyTest {
    private static final PromptVocabulary VOCABULARY = PromptVocabulary.coco();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '=', value = {
        // names, aliases and their normal forms
        "dog = dog", "Dogs = dog", "  DOG  = dog", "ＤＯＧ = dog", "狗 = dog", "犬 = dog",
        "automobile = car", "sofa = sofa", "couch = sofa", "Motorbike = motorcycle", "cell phones = cell-phone",
        "mice = mouse", "knives = knife", "wine glasses = wine-glass", "buses = bus", "benches = bench",
        "hot dogs = hot-dog", "teddy bears = teddy-bear", "热狗 = hot-dog", "斑马 = zebra", "马桶 = toilet",
        "笔记本电脑 = laptop", "公共汽车 = bus", "手机 = cell-phone",
        // higher levels
        "animal = animal", "animals = animal", "动物 = animal", "furniture = furniture", "家具 = furniture",
        "犬科动物 = canine", "canines = canine", "vehicles = vehicle", "交通工具 = vehicle", "fruit = fruit",
        "electronics = electronics", "电子产品 = electronics", "座椅 = seat",
        // WordNet's words for the classes and their kinds
        "puppy = dog", "puppies = dog", "pooch = dog", "golden retriever = dog", "German shepherd = dog",
        "sports car = car", "SUV = car", "jeep = car", "taxi = car", "pickup truck = truck", "fire engine = truck",
        "stallion = horse", "pony = horse", "eagle = bird", "parrots = bird", "duck = bird", "yacht = boat",
        "canoe = boat", "airliner = airplane", "jet = airplane", "woman = person", "women = person", "child = person",
        "children = person", "teacher = person", "armchair = chair", "grizzly bear = bear", "polar bear = bear",
        "soccer ball = ball", "Granny Smith = apple", "alarm clock = clock", "tabby cat = cat",
        // our own words
        "kitten = cat", "kitty = cat", "lamb = sheep", "calf = cow", "people = people", "小孩 = person",
        "狗狗 = dog", "猫咪 = cat", "跑车 = car", "小狗 = dog", "公牛 = cow", "老鹰 = bird", "人们 = person", "kid = person", "computer = personal-computer",
    })
    void resolves(String prompt, String nodeId) {
        assertEquals(List.of(nodeId), VOCABULARY.resolve(prompt).selector().nodeIds(), prompt);
    }

    @ParameterizedTest(name = "{0} -> {1} ignoring {2}")
    @CsvSource(delimiter = '|', value = {
        "a dog | dog | a",
        "my dog | dog | my",
        "the dog's ball | ball | the dogs",
        "red car | car | red",
        "red sports car | car | red",
        "家里的狗 | dog | 家里的",
        "小猫 | cat | 小",
        "一只可爱的小猫 | cat | 一只可爱的小",
        "红色的汽车 | car | 红色的",
        "黑色汽车 | car | 黑色",
        "宠物狗 | dog | 宠物",
        "dog with a ball | dog | with a ball",
        "a man riding a horse | person | a,riding a horse",
        "sleeping cat | cat | sleeping",
        "cup of coffee | cup | of coffee",
        "a picture of a dog | dog | a picture of a",
        "狗在沙发上 | dog | 在沙发上",
        "骑马的人 | person | 骑马的",
        "狗的玩具 | toy | 狗的",
        "not a dog | dog | not a",
    })
    void resolvesTheHeadAndReportsTheRest(String prompt, String nodeId, String ignored) {
        PromptResolution resolution = VOCABULARY.resolve(prompt);
        assertEquals(List.of(nodeId), resolution.selector().nodeIds(), resolution.toString());
        assertEquals(List.of(ignored.split(",")), resolution.ignored(), resolution.toString());
    }

    @Test
    void severalThingsMeanAnyOfThem() {
        assertEquals(List.of("cat", "dog"), VOCABULARY.resolve("cats and dogs").selector().nodeIds());
        assertEquals(List.of("cat", "dog"), VOCABULARY.resolve("狗和猫").selector().nodeIds());
        assertEquals(List.of("car", "truck"), VOCABULARY.resolve("car, truck").selector().nodeIds());
        assertEquals(List.of("bicycle", "motorcycle"), VOCABULARY.resolve("自行车、摩托车").selector().nodeIds());
        PromptResolution partly = VOCABULARY.resolve("dogs or unicorns");
        assertEquals(List.of("dog"), partly.selector().nodeIds());
        assertEquals(List.of("dogs"), partly.understood());
        assertEquals(List.of("unicorns"), partly.ignored());
    }

    @Test
    void aWordTheTaxonomyNamesWinsOverWordNet() {
        // WordNet's "bike" is also a motorcycle; the taxonomy gives it to Bicycle alone.
        assertEquals(List.of("bicycle"), VOCABULARY.resolve("bike").selector().nodeIds());
        // "luggage" names both the class Suitcase and the category Bags and luggage.
        assertEquals(List.of("bags-luggage", "suitcase"), VOCABULARY.resolve("luggage").selector().nodeIds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unicorn", "building", "tree", "sky", "tiger", "red", "a", "熊猫", "河马", "猫头鹰", "机器人", "大熊猫", "老虎", "山羊",
        "white", "grey", "electric kettle", "   ", ",", "和"})
    void promptsNamingNothingDetectableAreRefused(String prompt) {
        ApiException e = assertThrows(ApiException.class, () -> VOCABULARY.resolve(prompt));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
        assertTrue(e.getMessage().startsWith("The LabelPrompt '" + prompt + "' names nothing openrecog can detect."), e.getMessage());
        assertTrue(e.getMessage().contains("80 COCO object classes") && e.getMessage().contains("狗, dog"), e.getMessage());
    }

    @ParameterizedTest
    @NullSource
    void aMissingPromptIsRefused(String prompt) {
        ApiException e = assertThrows(ApiException.class, () -> VOCABULARY.resolve(prompt));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
    }

    @Test
    void theRefusalQuotesALongOrControlCharacterPromptSafely() {
        String prompt = "x".repeat(100) + "\n";
        ApiException e = assertThrows(ApiException.class, () -> VOCABULARY.resolve(prompt));
        assertTrue(e.getMessage().startsWith("The LabelPrompt '" + "x".repeat(64) + "...' names nothing"), e.getMessage());
        ApiException control = assertThrows(ApiException.class, () -> VOCABULARY.resolve("uni\u0000corn"));
        assertTrue(control.getMessage().startsWith("The LabelPrompt 'uni?corn' "), control.getMessage());
    }
}
