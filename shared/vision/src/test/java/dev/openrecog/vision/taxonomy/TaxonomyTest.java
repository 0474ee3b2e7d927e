package dev.openrecog.vision.taxonomy;

import dev.openrecog.domain.Language;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
    // Indices in coco.names, the models' output order.
    private static final int PERSON = 0;
    private static final int BICYCLE = 1;
    private static final int CAR = 2;
    private static final int BIRD = 14;
    private static final int DOG = 16;
    private static final int HORSE = 17;
    private static final int PIZZA = 53;
    private static final int CHAIR = 56;

    private final Taxonomy taxonomy = Taxonomy.coco();

    private List<String> names(int classIndex, Language language) {
        return taxonomy.chain(classIndex).stream().map(n -> n.name(language)).collect(Collectors.toList());
    }

    private TaxonomyNode category(int classIndex) {
        List<TaxonomyNode> chain = taxonomy.chain(classIndex);
        return chain.get(chain.size() - 1);
    }

    @Test
    void loadsOnceWithEightyClasses() {
        assertSame(taxonomy, Taxonomy.coco());
        assertEquals(80, taxonomy.classCount());
    }

    @Test
    void dogIsACanineAnimal() {
        assertEquals(List.of("狗", "犬科动物", "动物"), names(DOG, Language.ZH_HANS));
        assertEquals(List.of("Dog", "Canine", "Animal"), names(DOG, Language.EN));
        List<TaxonomyNode> chain = taxonomy.chain(DOG);
        assertEquals(List.of(3, 2, 1), chain.stream().map(TaxonomyNode::level).collect(Collectors.toList()));
        assertEquals("犬科动物", chain.get(0).parentName(Language.ZH_HANS));
        assertEquals("Animal", chain.get(1).parentName(Language.EN));
        assertEquals("", chain.get(2).parentName(Language.ZH_HANS));
        assertNull(chain.get(2).parent());
    }

    @Test
    void vehiclesFurnitureAnimalsFood() {
        assertEquals("交通工具", category(BICYCLE).name(Language.ZH_HANS));
        assertEquals("Vehicle", category(CAR).name(Language.EN));
        assertEquals("交通工具", category(CAR).name(Language.ZH_HANS));
        assertEquals("家具", category(CHAIR).name(Language.ZH_HANS));
        assertEquals("Furniture", category(CHAIR).name(Language.EN));
        assertEquals("Animal", category(HORSE).name(Language.EN));
        assertEquals("Animal", category(BIRD).name(Language.EN));
        assertEquals("Food", category(PIZZA).name(Language.EN));
        assertEquals("食物", category(PIZZA).name(Language.ZH_HANS));
        assertEquals(List.of("Car", "Motor vehicle", "Vehicle"), names(CAR, Language.EN));
        assertEquals(List.of("Chair", "Seat", "Furniture"), names(CHAIR, Language.EN));
        assertEquals(List.of("Horse", "Equine", "Animal"), names(HORSE, Language.EN));
        assertEquals(List.of("Pizza", "Dish", "Food"), names(PIZZA, Language.EN));
    }

    @Test
    void personIsAPerson() {
        TaxonomyNode person = taxonomy.chain(PERSON).get(0);
        assertEquals("人", person.name(Language.ZH_HANS));
        assertEquals("Person", person.name(Language.EN));
        assertEquals("人物", person.parentName(Language.ZH_HANS));
        assertEquals(2, person.level());
    }

    @Test
    void everyClassHasAChainOfAtLeastTwoLevelsWithChineseNames() {
        for (int c = 0; c < taxonomy.classCount(); c++) {
            List<TaxonomyNode> chain = taxonomy.chain(c);
            assertTrue(chain.size() >= 2, "class " + c + " chain " + chain);
            assertEquals(1, chain.get(chain.size() - 1).level(), "class " + c + " ends at level 1");
            for (int i = 0; i < chain.size(); i++) {
                TaxonomyNode node = chain.get(i);
                String zh = node.name(Language.ZH_HANS);
                assertFalse(zh.isEmpty(), node.toString());
                assertTrue(zh.chars().noneMatch(ch -> (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')),
                        "zh name with ASCII letters: " + node);
                assertFalse(node.name(Language.EN).isEmpty(), node.toString());
                if (i + 1 < chain.size()) {
                    TaxonomyNode parent = chain.get(i + 1);
                    assertSame(parent, node.parent(), "chain follows parents: " + chain);
                    assertTrue(parent.level() < node.level(), "parent level lower: " + chain);
                    assertEquals(parent.name(Language.ZH_HANS), node.parentName(Language.ZH_HANS));
                    assertEquals(parent.name(Language.EN), node.parentName(Language.EN));
                }
            }
        }
    }

    @Test
    void aliasesComeFromWordNetAndTheNameTable() {
        TaxonomyNode cow = taxonomy.chain(19).get(0);
        assertEquals("Cow", cow.name(Language.EN));
        assertTrue(cow.aliases(Language.EN).contains("Cattle"), cow.aliases(Language.EN).toString());
        TaxonomyNode cellPhone = taxonomy.chain(67).get(0);
        assertTrue(cellPhone.aliases(Language.EN).contains("Cellular telephone"));
        assertTrue(cellPhone.aliases(Language.ZH_HANS).contains("移动电话"));
        assertThrows(UnsupportedOperationException.class, () -> cellPhone.aliases(Language.EN).add("x"));
    }

    @Test
    void classIndexOutsideTheModelIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> taxonomy.chain(-1));
        assertThrows(IllegalArgumentException.class, () -> taxonomy.chain(80));
    }

    @Test
    void languageParsesWireValues() {
        assertEquals(Language.ZH_HANS, Language.parse("zh-Hans"));
        assertEquals(Language.ZH_HANS, Language.parse("zh-hans"));
        assertEquals(Language.EN, Language.parse("en"));
        assertEquals("zh-Hans", Language.ZH_HANS.wireValue());
        assertEquals("en", Language.EN.wireValue());
        for (String bad : new String[] {"fr", "zh", "", null, "english"}) {
            ApiException e = assertThrows(ApiException.class, () -> Language.parse(bad));
            assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
            assertTrue(e.getMessage().contains("zh-Hans") && e.getMessage().contains("en"), e.getMessage());
        }
    }
}
