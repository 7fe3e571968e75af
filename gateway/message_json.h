#pragma once
// A response's JSON written by reflection over the parsed message: byte for byte what
// protobuf's MessageToJsonString writes with its default options (protobuf's JSON
// mapping: lowerCamelCase names, fields in number order, defaults left out, 64-bit
// integers quoted, enums by name, Timestamps in RFC 3339, wrappers as their value).
// MessageToJsonString converts each message's descriptor into a google.protobuf.Type for
// every call, which was a quarter of the gateway's CPU per REST request
// (docs/operations.md, "The hot path"). Types whose JSON needs a type registry or a
// reshaping it is not worth repeating here (Any, Struct, Value, ListValue, FieldMask,
// Duration, maps) are left to protobuf: JsonWritableByReflection says which.
#include <string>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace gateway {

// Whether AppendMessageJson writes messages of `type`, and every message they hold.
bool JsonWritableByReflection(const google::protobuf::Descriptor* type);

// Appends `message` (of a type JsonWritableByReflection accepts) as JSON to `out`;
// INTERNAL, as MessageToJsonString, for a Timestamp outside years 1 to 9999.
absl::Status AppendMessageJson(const google::protobuf::Message& message, std::string& out);

}  // namespace gateway
