// Merges the per-package OpenAPI 2 documents that protoc-gen-swagger (grpc-gateway
// 1.6, Debian) writes from the google.api.http annotations into the one document the
// gateway serves, and adds what that version leaves out:
//  - `required` from google.api.field_behavior = REQUIRED;
//  - resource-name path templates made plain: "/v1/{name=households/*}" becomes
//    "/v1/households/{household_id}", which is what a REST client sends;
//  - definitions named by their full proto name, so packages never collide;
//  - the bearer-token security scheme;
//  - the `service` query parameter of what every service keeps (its event log, its
//    audit log, its records' retention), by which the gateway picks the one asked.
// usage: openapi_gen <descriptor set> <out.json> <services,comma,separated> <package.swagger.json>...
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "google/api/field_behavior.pb.h"
#include "google/protobuf/descriptor.pb.h"

using nlohmann::json;
namespace gp = google::protobuf;

namespace {

struct Type {
  std::string full_name;
  std::string package;
  const gp::DescriptorProto* message = nullptr;  // null for enums
};

// The name grpc-gateway 1.6 gives a type: last package component + nested names.
std::string GatewayName(const std::string& package, const std::string& nested) {
  auto dot = package.rfind('.');
  return (dot == std::string::npos ? package : package.substr(dot + 1)) + nested;
}

void Collect(const std::string& package, const std::string& prefix_full, const std::string& prefix_nested,
             const gp::DescriptorProto& m, std::multimap<std::string, Type>& out) {
  std::string full = prefix_full + "." + m.name(), nested = prefix_nested + m.name();
  out.emplace(GatewayName(package, nested), Type{full, package, &m});
  for (const auto& n : m.nested_type()) Collect(package, full, nested, n, out);
  for (const auto& e : m.enum_type()) {
    out.emplace(GatewayName(package, nested + e.name()), Type{full + "." + e.name(), package, nullptr});
  }
}

// Rewrites {field=a/*/b/*} into a/{a_id}/b/{b_id}; returns the path parameters made.
std::string PlainPath(const std::string& path, std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] != '{') {
      out += path[i++];
      continue;
    }
    size_t end = path.find('}', i);
    std::string var = path.substr(i + 1, end - i - 1);
    auto eq = var.find('=');
    std::string field = var.substr(0, eq);
    if (eq == std::string::npos) {
      out += "{" + field + "}";
      params.push_back({field, field});
    } else {
      std::string pattern = var.substr(eq + 1), previous;
      std::stringstream ss(pattern);
      std::string seg;
      bool first = true;
      while (std::getline(ss, seg, '/')) {
        if (!first) out += "/";
        first = false;
        if (seg == "*" || seg == "**") {
          // The collection's singular: "households" -> "household", "adoptiveFamilies" ->
          // "adoptiveFamily", and the irregular ones the contracts use.
          static const std::map<std::string, std::string> kIrregular = {
              {"children", "child"}, {"assessmentsOfNeed", "assessmentOfNeed"}};
          std::string singular = previous;
          if (auto irregular = kIrregular.find(previous); irregular != kIrregular.end()) {
            singular = irregular->second;
          } else if (singular.size() > 3 && singular.compare(singular.size() - 3, 3, "ies") == 0) {
            singular.replace(singular.size() - 3, 3, "y");
          } else if (!singular.empty() && singular.back() == 's') {
            singular.pop_back();
          }
          if (singular.empty()) singular = field;
          std::string name = singular + "_id";
          out += "{" + name + "}";
          params.push_back({name, field});
        } else {
          out += seg;
          previous = seg;
        }
      }
    }
    i = end + 1;
  }
  return out;
}

void RenameRefs(json& j, const std::map<std::string, std::string>& names) {
  if (j.is_object()) {
    for (auto& [k, v] : j.items()) {
      if (k == "$ref" && v.is_string()) {
        std::string ref = v.get<std::string>();
        const std::string prefix = "#/definitions/";
        auto it = names.find(ref.substr(prefix.size()));
        if (it != names.end()) v = prefix + it->second;
      } else {
        RenameRefs(v, names);
      }
    }
  } else if (j.is_array()) {
    for (auto& v : j) RenameRefs(v, names);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: openapi_gen <descriptor set> <out.json> <services,comma,separated> <package.swagger.json>...\n";
    return 2;
  }
  gp::FileDescriptorSet set;
  {
    std::ifstream in(argv[1], std::ios::binary);
    if (!set.ParseFromIstream(&in)) {
      std::cerr << "cannot read " << argv[1] << "\n";
      return 1;
    }
  }
  std::multimap<std::string, Type> types;
  for (const auto& f : set.file()) {
    for (const auto& m : f.message_type()) Collect(f.package(), f.package(), "", m, types);
    for (const auto& e : f.enum_type()) {
      types.emplace(GatewayName(f.package(), e.name()), Type{f.package() + "." + e.name(), f.package(), nullptr});
    }
  }

  json out = {{"swagger", "2.0"},
              {"info",
               {{"title", "Permanence adoption services"},
                {"version", "v1"},
                {"description", "REST/JSON mapping of the adoption.*.v1 gRPC contracts (generated from proto/)."}}},
              {"consumes", {"application/json"}},
              {"produces", {"application/json"}},
              {"securityDefinitions",
               {{"bearer", {{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"},
                            {"description", "Bearer JWT from the identity provider (or `adoptctl token`)."}}}}},
              {"security", json::array({{{"bearer", json::array()}}})},
              {"paths", json::object()},
              {"definitions", json::object()}};

  json services = json::array();
  for (std::stringstream list(argv[3]); list.good();) {
    std::string name;
    std::getline(list, name, ',');
    if (!name.empty()) services.push_back(name);
  }
  const std::set<std::string> every_service = {"adoption.events.v1", "adoption.audit.v1", "adoption.records.v1"};
  for (int a = 4; a < argc; ++a) {
    std::ifstream in(argv[a]);
    json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
      std::cerr << "cannot parse " << argv[a] << "\n";
      return 1;
    }
    // Which package this document is: from any operation's tag's service.
    std::string package;
    for (const auto& f : set.file()) {
      for (const auto& s : f.service()) {
        for (auto& [path, ops] : doc["paths"].items()) {
          for (auto& [verb, op] : ops.items()) {
            if (op.contains("tags") && op["tags"][0] == s.name()) package = f.package();
          }
        }
      }
    }
    std::map<std::string, std::string> names;  // gateway name -> full name
    for (auto& [name, def] : doc["definitions"].items()) {
      auto range = types.equal_range(name);
      const Type* best = nullptr;
      for (auto it = range.first; it != range.second; ++it) {
        if (!best || it->second.package == package) best = &it->second;
      }
      if (!best) {
        std::cerr << "no proto type for definition " << name << "\n";
        return 1;
      }
      names[name] = best->full_name;
      if (best->message) {
        json required = json::array();
        for (const auto& field : best->message->field()) {
          for (int b : field.options().GetRepeatedExtension(google::api::field_behavior)) {
            if (b == google::api::REQUIRED) required.push_back(field.json_name());
          }
        }
        if (!required.empty()) def["required"] = required;
      }
    }
    RenameRefs(doc, names);
    for (auto& [name, def] : doc["definitions"].items()) out["definitions"][names[name]] = def;
    for (auto& [path, ops] : doc["paths"].items()) {
      std::vector<std::pair<std::string, std::string>> params;
      std::string plain = PlainPath(path, params);
      for (auto& [verb, op] : ops.items()) {
        json parameters = json::array();
        std::set<std::string> templated;
        for (const auto& [param, field] : params) {
          if (param == field) continue;
          templated.insert(field);
          parameters.push_back({{"name", param}, {"in", "path"}, {"required", true}, {"type", "string"},
                                {"description", "Part of the resource name in `" + field + "`."}});
        }
        for (auto& p : op.value("parameters", json::array())) {
          if (p.value("in", "") == "path" && templated.count(p.value("name", ""))) continue;
          parameters.push_back(p);
        }
        if (every_service.count(package)) {
          parameters.push_back({{"name", "service"}, {"in", "query"}, {"required", true}, {"type", "string"},
                                {"enum", services},
                                {"description", "The service whose log is read (the gateway's parameter)."}});
        }
        op["parameters"] = parameters;
        out["paths"][plain][verb] = op;
      }
    }
  }
  std::ofstream(argv[2]) << out.dump(2) << "\n";
  return 0;
}
