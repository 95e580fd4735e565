package io.firstbyte.app.web.api;

import io.firstbyte.pipeline.tool.ToolSpec;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Tool specs as OpenAI-style function definitions: {@code [{"type":"function","function":{name, description, parameters}}]}. */
public final class OpenAiTools {

    private OpenAiTools() {
    }

    public static JsonNode schemas(List<ToolSpec> specs) {
        ArrayNode array = ApiResponses.JSON.createArrayNode();
        for (ToolSpec spec : specs) {
            ObjectNode function = array.addObject().put("type", "function").putObject("function");
            function.put("name", spec.name()).put("description", spec.description());
            function.set("parameters", ApiResponses.JSON.readTree(spec.parametersSchema()));
        }
        return array;
    }
}
