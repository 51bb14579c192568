//! The OpenAPI 3.1 description served at `/api/openapi.json`.

use crate::{MAX_BODY_BYTES, MAX_LIMIT, MAX_POST_DOCUMENTS};
use petrel_store::MAX_PAGE_SIZE;
use serde_json::{json, Value};

fn param(name: &str, location: &str, description: &str, schema: Value) -> Value {
    json!({
        "name": name,
        "in": location,
        "required": location == "path",
        "description": description,
        "schema": schema,
    })
}

fn filter_params(default_modality: &str) -> Vec<Value> {
    let s = json!({"type": "string"});
    vec![
        param(
            "source",
            "query",
            "Source actor code prefix or segments (RUS, GOV, RUSGOV).",
            s.clone(),
        ),
        param(
            "target",
            "query",
            "Target actor code prefix or segments.",
            s.clone(),
        ),
        param(
            "dyad",
            "query",
            "Two actor patterns, comma separated (RUS,USA): events between them.",
            s.clone(),
        ),
        param(
            "directed",
            "query",
            "With dyad: only events from the first to the second.",
            json!({"type": "boolean", "default": false}),
        ),
        param(
            "from",
            "query",
            "First event date, YYYY-MM-DD.",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "to",
            "query",
            "Last event date, YYYY-MM-DD.",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "cameo",
            "query",
            "CAMEO code prefix, 1 to 4 digits (13: threaten).",
            json!({"type": "string", "pattern": "^[0-9]{1,4}$"}),
        ),
        param(
            "quad",
            "query",
            "QuadClass 1 to 4.",
            json!({"type": "integer", "minimum": 1, "maximum": 4}),
        ),
        param(
            "modality",
            "query",
            "Comma-separated modalities, or factual (asserted, reported), or all.",
            json!({"type": "string", "default": default_modality}),
        ),
        param(
            "doc",
            "query",
            "Only events of this document id.",
            s.clone(),
        ),
        param(
            "q",
            "query",
            "Only events whose evidence contains this text.",
            s,
        ),
    ]
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The OpenAPI document.
pub(crate) fn document() -> Value {
    let mut events_params = filter_params("all");
    events_params.extend([
        param("page", "query", "1-based page.", json!({"type": "integer", "minimum": 1, "default": 1})),
        param("per_page", "query", "Events per page.", json!({"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 50})),
        param("sort", "query", "Sort key.", json!({"type": "string", "enum": ["date", "goldstein", "mentions", "cameo", "source", "target", "id"], "default": "date"})),
        param("order", "query", "Sort order.", json!({"type": "string", "enum": ["asc", "desc"], "default": "asc"})),
    ]);
    let mut timeline_params = vec![
        param(
            "a",
            "path",
            "First actor pattern (RUS).",
            json!({"type": "string"}),
        ),
        param(
            "b",
            "path",
            "Second actor pattern (USA).",
            json!({"type": "string"}),
        ),
        param(
            "by",
            "query",
            "Bucket size.",
            json!({"type": "string", "enum": ["day", "week", "month"], "default": "week"}),
        ),
    ];
    timeline_params.extend(filter_params("factual").into_iter().filter(|p| {
        ["from", "to", "cameo", "quad", "modality", "directed"]
            .contains(&p["name"].as_str().unwrap_or(""))
    }));
    let mut actor_params = filter_params("all");
    actor_params.extend([
        param(
            "level",
            "query",
            "0: whole codes; 1: first segment (country or organisation); 2: two segments.",
            json!({"type": "integer", "minimum": 0, "maximum": 5, "default": 0}),
        ),
        param(
            "limit",
            "query",
            "Most rows returned.",
            json!({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
        ),
    ]);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "petrel API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Political events coded from news by petrel: query events, dyad timelines, actors, documents with annotated spans; post new stories to code and store. Every error is JSON."
        },
        "paths": {
            "/api/events": {"get": {
                "summary": "A page of events matching the filters.",
                "parameters": events_params,
                "responses": {
                    "200": {"description": "Events", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventPage"}}}},
                    "400": error_response("Bad parameter")
                }
            }},
            "/api/dyads/{a}/{b}/timeline": {"get": {
                "summary": "Events between two actors per day, week or month: counts per QuadClass, summed and mean Goldstein. Factual events only unless modality says otherwise.",
                "parameters": timeline_params,
                "responses": {
                    "200": {"description": "Timeline", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Timeline"}}}},
                    "400": error_response("Bad parameter"),
                    "404": error_response("No stored actor code matches a or b")
                }
            }},
            "/api/actors": {"get": {
                "summary": "Actors taking part in most events.",
                "parameters": actor_params.clone(),
                "responses": {"200": {"description": "Actors"}, "400": error_response("Bad parameter")}
            }},
            "/api/network": {"get": {
                "summary": "The heaviest directed actor pairs (edges of the actor network).",
                "parameters": actor_params,
                "responses": {"200": {"description": "Edges"}, "400": error_response("Bad parameter")}
            }},
            "/api/stats": {"get": {
                "summary": "Row counts and the date range of the store.",
                "responses": {"200": {"description": "Counts"}}
            }},
            "/api/documents/{id}": {"get": {
                "summary": "A document's text with its sentences, events, quotes, actor mentions and near-duplicates. Offsets are UTF-8 byte offsets into text.",
                "parameters": [param("id", "path", "Document id.", json!({"type": "string"}))],
                "responses": {"200": {"description": "Document"}, "404": error_response("No such document")}
            }},
            "/api/documents": {"post": {
                "summary": format!("Code and store 1 to {MAX_POST_DOCUMENTS} stories (body at most {MAX_BODY_BYTES} bytes). Needs the bearer token."),
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                    {"$ref": "#/components/schemas/NewDocument"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/NewDocument"}, "maxItems": MAX_POST_DOCUMENTS}
                ]}}}},
                "responses": {
                    "201": {"description": "What was stored for each document (inserted, unchanged, replaced, duplicate)."},
                    "400": error_response("Bad body"),
                    "401": error_response("Missing or wrong token"),
                    "403": error_response("Posting disabled (no token configured)"),
                    "413": error_response("Body too large")
                }
            }}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                    "status": {"type": "integer"}, "code": {"type": "string"},
                    "field": {"type": ["string", "null"]}, "message": {"type": "string"}
                }}}},
                "NewDocument": {"type": "object", "required": ["text"], "additionalProperties": false, "properties": {
                    "id": {"type": "string"}, "title": {"type": "string"}, "text": {"type": "string"},
                    "date": {"type": "string", "format": "date"}, "url": {"type": "string"}, "source": {"type": "string"}
                }},
                "EventPage": {"type": "object", "properties": {
                    "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
                    "events": {"type": "array", "items": {"type": "object", "description": "An event as `petrel code` prints it, plus id, num_mentions, num_articles, num_sources, num_stories, doc_title, doc_source, doc_url, added, is_root."}}
                }},
                "Timeline": {"type": "object", "properties": {
                    "a": {"type": "string"}, "b": {"type": "string"}, "by": {"type": "string"},
                    "points": {"type": "array", "items": {"type": "object", "properties": {
                        "period": {"type": "string", "format": "date"}, "events": {"type": "integer"},
                        "quad": {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4},
                        "goldstein_sum": {"type": "number"}, "goldstein_mean": {"type": "number"}
                    }}}
                }}
            }
        }
    })
}
