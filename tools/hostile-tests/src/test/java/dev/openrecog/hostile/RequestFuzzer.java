package dev.openrecog.hostile;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Action;
import dev.openrecog.hostile.TableContents.Ent;
import dev.openrecog.hostile.TableContents.Lib;
import dev.openrecog.hostile.TableContents.Smp;
import dev.openrecog.rpc.HttpRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Generates requests for every action from one seed: some valid, so that there are libraries,
 * entities and samples to damage, most of them hostile in their parameters, their encoding or both.
 * Valid requests name the records the table holds, and hostile ones aim at those same records.
 */
final class RequestFuzzer {
    /** Above this many records, creates give way to deletes, to keep the table (and each scan of it) small. */
    private static final int MAX_RECORDS = 60;
    private static final List<String> ACTIONS = Arrays.stream(Action.values()).map(Action::wireName).toList();
    private static final List<String> ALGORITHMS = List.of("face", "logo", "landmark", "object", "label");
    /** LabelPrompts that name something the detector finds, in both languages, with modifiers it sets aside. */
    private static final List<String> LABEL_PROMPTS = List.of("dog", "a photo of a horse", "red sports car", "家里的狗", "动物",
        "person with an umbrella", "furniture, or a bicycle");
    /** Reading a real image costs a model run: one image request in this many reads one, the rest fail before that. */
    private static final int REAL_IMAGE_ODDS = 20;
    /** Parameters a caller might hope choose the tenant; none may. */
    private static final List<String> TENANT_SPOOFS = List.of("Tenant", "TenantId", "OwnerId", "AccountId", "CallerUid",
        "x-acs-caller-uid", "OPENRECOG_DEFAULT_TENANT");
    private static final List<String> COMMON_PARAMS = List.of("Version", "Format", "RegionId", "AccessKeyId", "Signature",
        "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp");
    private static final List<String> METHODS = List.of("GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "post", "BREW", "",
        "POST\r\nX-Injected: 1");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private enum Channel { QUERY, FORM, JSON }

    /** A parameter as it will be sent: a String, a JSON-only value (number, boolean, list, map, null) or raw bytes. */
    private record Param(String name, Object value, Channel channel) {
        Param withValue(Object newValue) {
            return new Param(name, newValue, channel);
        }
    }

    /** Bytes put into the body as they are, for encodings no client library would produce. */
    private record Raw(byte[] bytes) {
        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** One generated request: who sends it, what, and how it was made, to print when it breaks something. */
    record FuzzCase(int index, String tenant, String action, HttpRequest request, List<String> intent) {
        boolean valid() {
            return intent.isEmpty();
        }

        String describe() {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            return "#" + index + " " + abbreviate(action) + " tenant=" + abbreviate(String.valueOf(tenant)) + " intent=" + intent + "\n    "
                + abbreviate(request.method()) + " " + abbreviate(request.path()) + " headers=" + request.headerNames().stream()
                .map(name -> name + ": " + request.header(name)).map(RequestFuzzer::abbreviate).toList()
                + "\n    query=" + abbreviate(request.query().toString()) + "\n    body(" + request.body().length + " bytes)="
                + abbreviate(body);
        }
    }

    private final Random random;
    private final String tenant;
    private final String otherTenant;
    private final List<String> labelledUris;
    private final List<String> imageUris;
    private int index;

    /**
     * @param labelledUris SourceURIs with a stored label result, of one tenant or the other
     * @param imageUris    SourceURIs of real images in the object folder
     */
    RequestFuzzer(long seed, String tenant, String otherTenant, List<String> labelledUris, List<String> imageUris) {
        this.random = new Random(seed);
        this.tenant = tenant;
        this.otherTenant = otherTenant;
        this.labelledUris = labelledUris;
        this.imageUris = imageUris;
    }

    FuzzCase next(Population population) {
        index++;
        String caller = caller();
        String action = random.nextInt(100) < 4 ? randomActionName() : Hostile.pick(random, ACTIONS);
        if (population.size() >= MAX_RECORDS && action.startsWith("Create")) {
            action = "Delete" + action.substring("Create".length());
        }
        List<Param> params = baseline(action, caller == null ? tenant : caller, population);
        List<String> intent = new ArrayList<>();
        if (caller == null || !caller.equals(tenant) && !caller.equals(otherTenant)) {
            intent.add("tenant");
        }
        if (random.nextInt(100) >= 30) {
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                intent.add(mutate(params, population));
            }
        }
        // Encoding and decoding a megabyte costs a few hundred milliseconds: one request in a hundred is enough.
        if (random.nextInt(100) == 0) {
            intent.add(oversize(params));
        }
        return new FuzzCase(index, caller, action, encode(action, params, intent), List.copyOf(intent));
    }

    /** Mostly the tenant under test, some of the time the other one, and now and then an identity that is no tenant. */
    private String caller() {
        int roll = random.nextInt(100);
        if (roll < 85) {
            return tenant;
        }
        if (roll < 96) {
            return otherTenant;
        }
        return Hostile.pick(random, Arrays.asList(null, "", "t".repeat(257), "a#b", "%", "\u0000", "員工", "T#" + tenant + "#A#face"));
    }

    private String randomActionName() {
        String action = Hostile.pick(random, ACTIONS);
        return Hostile.pick(random, List.of(action.toLowerCase(Locale.ROOT), action + " ", action + "\u0000", "Describe" + action,
            "RecognizeImages", "DeleteEverything", "../" + action, action.substring(1), Hostile.text(random), ""));
    }

    // --- valid requests ------------------------------------------------------------------------

    private List<Param> baseline(String action, String caller, Population population) {
        List<Lib> libs = population.libs(caller);
        List<Ent> entities = population.entities(caller);
        List<Smp> samples = population.samples(caller);
        Lib lib = libs.isEmpty() ? null : Hostile.pick(random, libs);
        String algorithm = lib == null ? Hostile.pick(random, ALGORITHMS) : lib.algorithm();
        String libId = lib == null ? Hostile.randomId(random) : lib.libId();
        List<Param> params = new ArrayList<>();
        switch (action) {
            case "CreateRecognitionLib" -> {
                // Half are label libraries, whose LabelPrompt samples run no model: most samples to damage are theirs.
                add(params, "Algorithm", random.nextBoolean() ? "label" : Hostile.pick(random, ALGORITHMS));
                add(params, "LibName", "lib " + index);
                if (random.nextBoolean()) {
                    add(params, "LibDescription", "about lib " + index);
                }
            }
            case "ListRecognitionLibs" -> {
                add(params, "Algorithm", algorithm);
                paging(params);
                if (random.nextInt(3) == 0) {
                    add(params, "LibId", libs.stream().filter(l -> l.algorithm().equals(algorithm)).map(Lib::libId)
                        .collect(Collectors.joining(",")));
                }
            }
            case "DeleteRecognitionLib" -> {
                add(params, "Algorithm", algorithm);
                add(params, "LibId", libId);
            }
            case "CreateRecognitionEntity" -> {
                add(params, "Algorithm", algorithm);
                add(params, "LibId", libId);
                add(params, "EntityName", "entity " + index);
                if (random.nextBoolean()) {
                    add(params, "EntityInfo", "{\"n\":" + index + "}");
                }
            }
            case "ListRecognitionEntities" -> {
                add(params, "Algorithm", algorithm);
                add(params, "LibId", libId);
                paging(params);
            }
            case "DeleteRecognitionEntity", "CreateRecognitionSample" -> {
                Ent entity = entities.isEmpty() ? null : Hostile.pick(random, entities);
                add(params, "Algorithm", entity == null ? algorithm : population.lib(entity.libId()).algorithm());
                add(params, "LibId", entity == null ? libId : entity.libId());
                add(params, "EntityId", entity == null ? Hostile.randomId(random) : entity.entityId());
                if (action.equals("CreateRecognitionSample")) {
                    sampleSource(params, entity == null ? algorithm : population.lib(entity.libId()).algorithm());
                }
            }
            case "ListRecognitionSamples" -> {
                List<String> sameAlgorithm = libs.stream().filter(l -> l.algorithm().equals(algorithm)).map(Lib::libId).toList();
                add(params, "Algorithm", algorithm);
                add(params, "LibId", sameAlgorithm.isEmpty() ? libId : String.join(",", sameAlgorithm));
                List<Ent> inLib = entities.stream().filter(e -> sameAlgorithm.contains(e.libId())).toList();
                if (inLib.isEmpty() || random.nextBoolean()) {
                    add(params, "EntityId", "ANY");
                    if (!inLib.isEmpty() && random.nextBoolean()) {
                        add(params, "EntityName", Hostile.pick(random, inLib).name());
                    }
                } else {
                    add(params, "EntityId", Hostile.pick(random, inLib).entityId());
                }
                paging(params);
            }
            case "DeleteRecognitionSample" -> {
                Smp sample = samples.isEmpty() ? null : Hostile.pick(random, samples);
                add(params, "Algorithm", sample == null ? algorithm : population.lib(sample.libId()).algorithm());
                add(params, "LibId", sample == null ? libId : sample.libId());
                add(params, "EntityId", sample == null ? Hostile.randomId(random) : sample.entityId());
                add(params, "SampleId", sample == null ? Hostile.randomId(random) : sample.sampleId());
            }
            case "DetectImageLabels" -> {
                add(params, "ProjectName", "demo");
                // Labelling a real image costs a model run: one request in forty reads one, the rest fail before that.
                add(params, "SourceURI", random.nextInt(40) == 0 ? Hostile.pick(random, imageUris) : Hostile.pick(random, Hostile.SOURCE_URIS));
                language(params);
            }
            case "RecognizeImage" -> {
                add(params, "Algorithm", algorithm);
                List<String> sameAlgorithm = libs.stream().filter(l -> l.algorithm().equals(algorithm)).map(Lib::libId).limit(10).toList();
                add(params, "LibId", sameAlgorithm.isEmpty() ? libId : String.join(",", sameAlgorithm));
                add(params, random.nextBoolean() ? "SourceURI" : "ImageUrl", random.nextInt(REAL_IMAGE_ODDS) == 0
                    ? Hostile.pick(random, imageUris) : Hostile.pick(random, Hostile.SOURCE_URIS));
                if (random.nextBoolean()) {
                    add(params, "Threshold", Hostile.pick(random, List.of("0", "0.5", "0.9", "1")));
                }
                if (random.nextBoolean()) {
                    add(params, "MaxResults", Integer.toString(1 + random.nextInt(100)));
                }
            }
            case "GetImageLabels" -> {
                add(params, "SourceURI", random.nextInt(4) == 0 ? Hostile.pick(random, Hostile.SOURCE_URIS) : Hostile.pick(random, labelledUris));
                language(params);
            }
            default -> add(params, "Algorithm", algorithm);
        }
        if (action.startsWith("Create") && random.nextInt(4) == 0) {
            add(params, "ClientToken", "token-" + random.nextInt(4));
        }
        if (random.nextInt(10) == 0) {
            add(params, Hostile.pick(random, COMMON_PARAMS), "x");
        }
        return params;
    }

    /**
     * Mostly a LabelPrompt for a label library, an ImageUrl otherwise (label libraries take example images too):
     * now and then a real image, else one that fails before any model runs.
     */
    private void sampleSource(List<Param> params, String algorithm) {
        if (algorithm.equals("label") && random.nextInt(4) != 0) {
            add(params, "LabelPrompt", Hostile.pick(random, LABEL_PROMPTS));
        } else {
            add(params, "ImageUrl", random.nextInt(REAL_IMAGE_ODDS) == 0 ? Hostile.pick(random, imageUris)
                : Hostile.pick(random, random.nextBoolean() ? Hostile.IMAGE_URLS : Hostile.SOURCE_URIS));
        }
    }

    private void paging(List<Param> params) {
        if (random.nextBoolean()) {
            add(params, "PageNumber", Integer.toString(1 + random.nextInt(3)));
            add(params, "PageSize", Integer.toString(1 + random.nextInt(50)));
        }
    }

    private void language(List<Param> params) {
        if (random.nextBoolean()) {
            add(params, "Language", random.nextBoolean() ? "en" : "zh-Hans");
        }
        if (random.nextBoolean()) {
            add(params, "Threshold", Hostile.pick(random, List.of("0", "0.35", "0.9", "1")));
        }
    }

    private static void add(List<Param> params, String name, Object value) {
        params.add(new Param(name, value, null));
    }

    // --- hostile parameters --------------------------------------------------------------------

    /** Applies one mutation and names it. */
    private String mutate(List<Param> params, Population population) {
        int which = random.nextInt(11);
        if (params.isEmpty() && which < 6) {
            which += 6;
        }
        int at = params.isEmpty() ? 0 : random.nextInt(params.size());
        switch (which) {
            case 0 -> {
                params.remove(at);
                return "drop";
            }
            case 1, 2 -> {
                params.set(at, params.get(at).withValue(hostileValue(params.get(at).name(), params.get(at).value(), population)));
                return "value:" + params.get(at).name();
            }
            case 3 -> {
                params.set(at, params.get(at).withValue(wrongType()));
                return "type:" + params.get(at).name();
            }
            case 4 -> {
                Param again = params.get(at);
                params.add(random.nextInt(params.size() + 1),
                    random.nextBoolean() ? again : again.withValue(hostileValue(again.name(), again.value(), population)));
                return "duplicate:" + again.name();
            }
            case 5 -> {
                Param renamed = params.get(at);
                String name = Hostile.pick(random, List.of(renamed.name().toLowerCase(Locale.ROOT), renamed.name().toUpperCase(Locale.ROOT),
                    renamed.name() + " ", " " + renamed.name(), renamed.name() + "\u0000", renamed.name() + "[]", renamed.name() + ".1"));
                params.set(at, new Param(name, renamed.value(), renamed.channel()));
                return "rename:" + renamed.name();
            }
            case 6 -> {
                add(params, Hostile.pick(random, TENANT_SPOOFS), otherTenant);
                return "spoof-tenant";
            }
            case 7 -> {
                add(params, "ClientToken", Hostile.clientToken(random));
                return "client-token";
            }
            case 8 -> {
                add(params, Hostile.text(random), Hostile.text(random));
                return "unknown-param";
            }
            case 9 -> {
                String name = Hostile.pick(random, List.of("Algorithm", "LibId", "EntityId", "SampleId", "SourceURI"));
                params.removeIf(p -> p.name().equals(name));
                add(params, name, foreignValue(name, population));
                return "foreign:" + name;
            }
            default -> {
                String name = Hostile.pick(random, List.of("LibName", "LibDescription", "EntityName", "EntityInfo", "LabelPrompt", "ProjectName"));
                params.removeIf(p -> p.name().equals(name));
                add(params, name, keySpelling(population));
                return "key-spelling:" + name;
            }
        }
    }

    /** Gives one parameter a value over a megabyte. */
    private String oversize(List<Param> params) {
        Param big = params.isEmpty() ? new Param("Pad", "", null) : params.get(random.nextInt(params.size()));
        params.remove(big);
        params.add(big.withValue(Hostile.huge(random)));
        return "oversize:" + big.name();
    }

    /** A hostile value of the kind the parameter takes, or any hostile text. */
    private Object hostileValue(String name, Object current, Population population) {
        int roll = random.nextInt(12);
        if (roll == 0) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(String.valueOf(current).getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(Hostile.invalidUtf8(random));
            return new Raw(bytes.toByteArray());
        }
        if (roll < 4) {
            return Hostile.text(random);
        }
        String text = String.valueOf(current);
        return switch (name) {
            case "PageNumber", "PageSize" -> Hostile.pick(random, Hostile.NUMBERS);
            case "Threshold" -> Hostile.pick(random, Hostile.FRACTIONS);
            case "MaxResults" -> Hostile.pick(random, Hostile.NUMBERS);
            case "Algorithm" -> Hostile.pick(random, Hostile.ALGORITHMS);
            case "Language" -> Hostile.pick(random, Hostile.LANGUAGES);
            case "EntityInfo" -> Hostile.pick(random, Hostile.JSON_INFOS);
            case "ImageUrl" -> Hostile.pick(random, Hostile.IMAGE_URLS);
            case "SourceURI" -> Hostile.pick(random, Hostile.SOURCE_URIS);
            case "ClientToken" -> Hostile.clientToken(random);
            case "LibId" -> random.nextBoolean() && text.length() == 32 ? Hostile.malformedId(random, text)
                : Hostile.idList(random, population.libs(tenant).stream().map(Lib::libId).toList(), random.nextBoolean() ? 50 : 100);
            case "EntityId", "SampleId" -> text.length() == 32 ? Hostile.malformedId(random, text)
                : Hostile.pick(random, List.of("ANY", "any", "ANY ", "", Hostile.randomId(random)));
            case "LibName", "EntityName", "LibDescription", "LabelPrompt", "ProjectName" ->
                Hostile.ofBytes(random, Hostile.BYTE_LIMITS[random.nextInt(Hostile.BYTE_LIMITS.length)]);
            default -> Hostile.text(random);
        };
    }

    /** A value that is valid in form but belongs to something else: another tenant, another library, another kind. */
    private String foreignValue(String name, Population population) {
        String owner = random.nextInt(4) == 0 ? tenant : otherTenant;
        List<String> candidates = new ArrayList<>();
        switch (name) {
            case "Algorithm" -> candidates.addAll(ALGORITHMS);
            case "SourceURI" -> {
                candidates.addAll(labelledUris);
                candidates.addAll(imageUris);
            }
            default -> {
                population.libs(owner).forEach(lib -> candidates.add(lib.libId()));
                population.entities(owner).forEach(entity -> candidates.add(entity.entityId()));
                population.samples(owner).forEach(sample -> candidates.add(sample.sampleId()));
            }
        }
        return candidates.isEmpty() ? Hostile.randomId(random) : Hostile.pick(random, candidates);
    }

    /** Text spelled like the table's keys, using real ids, in case any key is built without escaping. */
    private String keySpelling(Population population) {
        List<Lib> libs = population.libs(otherTenant);
        List<Ent> entities = population.entities(tenant);
        String libId = libs.isEmpty() ? Hostile.randomId(random) : Hostile.pick(random, libs).libId();
        String entityId = entities.isEmpty() ? Hostile.randomId(random) : Hostile.pick(random, entities).entityId();
        return Hostile.pick(random, List.of("T#" + otherTenant + "#A#face", "T#" + otherTenant + "#L#" + libId, "L#" + libId,
            "E#" + entityId, "S#" + entityId + "#", "x#N#" + entityId, "#COUNT", "T#" + tenant + "#PURGE", libId + "#" + entityId,
            "T%23" + otherTenant, "O#OSS#photos#dog.jpg"));
    }

    private Object wrongType() {
        return Hostile.pick(random, Arrays.asList(0, -1, Integer.MAX_VALUE, Long.MAX_VALUE, 1.5, 1e308, true, false, null,
            List.of(), List.of("face"), List.of(1, 2), Map.of(), Map.of("Algorithm", "face"), Map.of("$ne", List.of())));
    }

    // --- encoding ------------------------------------------------------------------------------

    private HttpRequest encode(String action, List<Param> params, List<String> intent) {
        Channel body = random.nextInt(3) == 0 ? Channel.JSON : Channel.FORM;
        boolean mixed = random.nextInt(5) == 0;
        boolean allInQuery = !mixed && random.nextInt(4) == 0;
        List<Param> placed = new ArrayList<>();
        for (Param param : params) {
            Channel channel = mixed ? (random.nextBoolean() ? Channel.QUERY : body) : allInQuery ? Channel.QUERY : body;
            placed.add(new Param(param.name(), param.value(), channel));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String path = "/" + action;
        switch (random.nextInt(10)) {
            case 0 -> {
                path = "/";
                placed.add(new Param("Action", action, allInQuery ? Channel.QUERY : body));
            }
            case 1 -> {
                path = "/";
                headers.put("x-acs-action", action);
            }
            case 2 -> {
                path = Hostile.pick(random, List.of("/", "", "/prod/" + action, "//" + action, "/" + action + "/",
                    "/" + action.toLowerCase(Locale.ROOT), "/../" + action, "/" + action + "%00", "/objects/photos/dog.jpg"));
                if (random.nextBoolean()) {
                    headers.put("x-acs-action", Hostile.pick(random, ACTIONS));
                }
                intent.add("path");
            }
            case 3 -> {
                placed.add(new Param("Action", Hostile.pick(random, ACTIONS), Channel.QUERY));
                headers.put("x-acs-action", Hostile.pick(random, ACTIONS));
                intent.add("conflicting-action");
            }
            default -> {
            }
        }
        String method = "POST";
        if (random.nextInt(10) == 0) {
            method = Hostile.pick(random, METHODS);
            intent.add("method");
        }
        byte[] bytes = body == Channel.JSON ? json(placed) : form(placed);
        headers.put("Content-Type", body == Channel.JSON ? "application/json" : "application/x-www-form-urlencoded");
        if (random.nextInt(8) == 0) {
            String contentType = Hostile.pick(random, Arrays.asList(null, "", "text/plain", "application/json",
                "application/x-www-form-urlencoded", "application/x-www-form-urlencoded, application/json",
                "multipart/form-data; boundary=x", "APPLICATION/JSON; charset=iso-8859-1", "application/jsonp", "application/json\r\nX: y"));
            if (contentType == null) {
                headers.remove("Content-Type");
            } else {
                headers.put(random.nextBoolean() ? "Content-Type" : "content-type", contentType);
            }
            intent.add("content-type");
        }
        if (random.nextInt(10) == 0) {
            bytes = corrupt(bytes);
            intent.add("body");
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        placed.stream().filter(p -> p.channel() == Channel.QUERY)
            .forEach(p -> query.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(text(p.value())));
        return new HttpRequest(method, path, headers, query, bytes);
    }

    /** Damages an encoded body: bytes that are not UTF-8, a cut, a byte-order mark, a wrong shape, or too many bytes. */
    private byte[] corrupt(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int cut = body.length == 0 ? 0 : random.nextInt(body.length);
        switch (random.nextInt(7)) {
            case 0 -> {
                out.write(body, 0, cut);
                out.writeBytes(Hostile.invalidUtf8(random));
                out.write(body, cut, body.length - cut);
            }
            case 1 -> out.write(body, 0, cut);
            case 2 -> {
                out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                out.writeBytes(body);
            }
            case 3 -> out.writeBytes(Hostile.pick(random, List.of("null", "[]", "\"x\"", "[{}]", "{}", "1e999999", "{\"a\":1} x",
                "[".repeat(5000), "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "\u0000", "=&=&&=", "%", "a=%zz"))
                .getBytes(StandardCharsets.UTF_8));
            case 4 -> {
                out.writeBytes(body);
                out.writeBytes(("&Pad=" + "x".repeat(Hostile.MAX_BODY_BYTES)).getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> {
                out.writeBytes(body);
                out.writeBytes(new byte[Math.max(0, Hostile.MAX_BODY_BYTES - body.length)]);
            }
            default -> {
                out.writeBytes(body);
                out.writeBytes(new byte[]{0, 0, 0});
            }
        }
        return out.toByteArray();
    }

    private byte[] form(List<Param> params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Param param : params) {
            if (param.channel() == Channel.QUERY) {
                continue;
            }
            if (out.size() > 0) {
                out.write('&');
            }
            out.writeBytes(Call.encode(param.name()).getBytes(StandardCharsets.UTF_8));
            out.write('=');
            out.writeBytes(param.value() instanceof Raw raw ? raw.bytes()
                : Call.encode(text(param.value())).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A JSON object written by hand, so that it can repeat a key; strings escaped to ASCII or left as UTF-8. */
    private byte[] json(List<Param> params) {
        boolean ascii = random.nextBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        for (Param param : params) {
            if (param.channel() == Channel.QUERY) {
                continue;
            }
            if (out.size() > 1) {
                out.write(',');
            }
            out.writeBytes((jsonString(param.name(), ascii) + ":").getBytes(StandardCharsets.UTF_8));
            Object value = param.value();
            if (value instanceof Raw raw) {
                out.write('"');
                out.writeBytes(raw.bytes());
                out.write('"');
            } else {
                out.writeBytes((value instanceof String text ? jsonString(text, ascii) : text(value)).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write('}');
        return out.toByteArray();
    }

    /** Escapes every character outside printable ASCII as \\uXXXX when asked, which carries even a lone surrogate. */
    private static String jsonString(String text, boolean ascii) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20 || ascii && c > 0x7e) {
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A value as a query string or form carries it: text, whatever JSON type it was meant as. */
    private static String text(Object value) {
        if (value == null || value instanceof String || value instanceof Raw) {
            return String.valueOf(value);
        }
        try {
            return value instanceof Map || value instanceof List ? JSON.std.asString(value) : value.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String abbreviate(String text) {
        String printable = text.chars().limit(400)
            .mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c))
            .collect(Collectors.joining());
        return text.length() <= 400 ? printable : printable + "...(" + text.length() + " chars)";
    }
}
