#include "gateway/transcoder.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gateway/message_json.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/type_resolver_util.h"

namespace gateway {

namespace gp = google::protobuf;

namespace {

// The prefix of a type's URL, as protobuf's JSON functions name types.
constexpr char kTypeUrlPrefix[] = "type.googleapis.com";

// Finds a field by its proto name or its JSON name.
const gp::FieldDescriptor* FindField(const gp::Descriptor* d, const std::string& name) {
  if (const auto* f = d->FindFieldByName(name)) return f;
  for (int i = 0; i < d->field_count(); ++i) {
    if (d->field(i)->json_name() == name) return d->field(i);
  }
  return nullptr;
}

absl::Status SetScalar(gp::Message* msg, const gp::FieldDescriptor* f, const std::string& value,
                       const std::string& param) {
  const gp::Reflection* r = msg->GetReflection();
  const bool rep = f->is_repeated();
  auto bad = [&](const char* what) {
    return absl::InvalidArgumentError(absl::StrCat(param, ": '", value, "' is not ", what));
  };
  // The service's parser refuses a string (or a field mask's path) that is not UTF-8:
  // gRPC would answer INTERNAL, the gateway 500. Refused here, naming the parameter,
  // without echoing the bytes (tests/fuzz found it).
  if (!gp::internal::IsStructurallyValidUTF8(value)) {
    return absl::InvalidArgumentError(absl::StrCat(param, " is not valid UTF-8"));
  }
  switch (f->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING:
      rep ? r->AddString(msg, f, value) : r->SetString(msg, f, value);
      return absl::OkStatus();
    case gp::FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(value, &v)) return bad("an integer");
      rep ? r->AddInt32(msg, f, v) : r->SetInt32(msg, f, v);
      return absl::OkStatus();
    }
    case gp::FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(value, &v)) return bad("an integer");
      rep ? r->AddInt64(msg, f, v) : r->SetInt64(msg, f, v);
      return absl::OkStatus();
    }
    case gp::FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!absl::SimpleAtoi(value, &v)) return bad("an unsigned integer");
      rep ? r->AddUInt32(msg, f, v) : r->SetUInt32(msg, f, v);
      return absl::OkStatus();
    }
    case gp::FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!absl::SimpleAtoi(value, &v)) return bad("an unsigned integer");
      rep ? r->AddUInt64(msg, f, v) : r->SetUInt64(msg, f, v);
      return absl::OkStatus();
    }
    case gp::FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (value == "true" || value == "1") {
        v = true;
      } else if (value == "false" || value == "0") {
        v = false;
      } else {
        return bad("true or false");
      }
      rep ? r->AddBool(msg, f, v) : r->SetBool(msg, f, v);
      return absl::OkStatus();
    }
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
    case gp::FieldDescriptor::CPPTYPE_FLOAT: {
      double v;
      if (!absl::SimpleAtod(value, &v)) return bad("a number");
      if (f->cpp_type() == gp::FieldDescriptor::CPPTYPE_DOUBLE) {
        rep ? r->AddDouble(msg, f, v) : r->SetDouble(msg, f, v);
      } else {
        rep ? r->AddFloat(msg, f, static_cast<float>(v)) : r->SetFloat(msg, f, static_cast<float>(v));
      }
      return absl::OkStatus();
    }
    case gp::FieldDescriptor::CPPTYPE_ENUM: {
      const gp::EnumValueDescriptor* ev = f->enum_type()->FindValueByName(value);
      int number;
      if (!ev && absl::SimpleAtoi(value, &number)) ev = f->enum_type()->FindValueByNumber(number);
      if (!ev) return bad(absl::StrCat("a value of ", f->enum_type()->name()).c_str());
      rep ? r->AddEnum(msg, f, ev) : r->SetEnum(msg, f, ev);
      return absl::OkStatus();
    }
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
      if (f->message_type()->full_name() == "google.protobuf.FieldMask" && !rep) {
        // A field mask travels as "a,b.c" in a query string (JSON mapping).
        gp::Message* mask = r->MutableMessage(msg, f);
        const auto* paths = mask->GetDescriptor()->FindFieldByName("paths");
        for (absl::string_view p : absl::StrSplit(value, ',', absl::SkipEmpty())) {
          std::string snake;
          for (char c : p) {
            if (isupper(static_cast<unsigned char>(c))) {
              snake += '_';
              snake += static_cast<char>(tolower(c));
            } else {
              snake += c;
            }
          }
          mask->GetReflection()->AddString(mask, paths, snake);
        }
        return absl::OkStatus();
      }
      if ((f->message_type()->full_name() == "google.protobuf.Duration" ||
           f->message_type()->full_name() == "google.protobuf.Timestamp") &&
          !rep) {
        // Their JSON form, as a query parameter too (google/api/http.proto): "2.5s",
        // "2025-03-01T09:00:00Z".
        for (char c : value) {
          if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return bad("a valid value");
        }
        if (!gp::util::JsonStringToMessage(absl::StrCat("\"", value, "\""), r->MutableMessage(msg, f)).ok()) {
          return bad(f->message_type()->full_name() == "google.protobuf.Duration" ? "a duration such as 2.5s"
                                                                                   : "an RFC 3339 timestamp");
        }
        return absl::OkStatus();
      }
      if (f->message_type()->full_name() == "adoption.type.v1.Date" && !rep) {
        // The suite's calendar date, as people write it: period.first_day=2017-04-01
        // (its fields may still be set one by one: period.first_day.year=2017).
        int year = 0, month = 0, day = 0;
        std::vector<absl::string_view> parts = absl::StrSplit(value, '-');
        if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 || parts[2].size() != 2 ||
            !absl::SimpleAtoi(parts[0], &year) || !absl::SimpleAtoi(parts[1], &month) ||
            !absl::SimpleAtoi(parts[2], &day)) {
          return bad("a date such as 2017-04-01");
        }
        gp::Message* date = r->MutableMessage(msg, f);
        const gp::Descriptor* d = date->GetDescriptor();
        date->GetReflection()->SetInt32(date, d->FindFieldByName("year"), year);
        date->GetReflection()->SetInt32(date, d->FindFieldByName("month"), month);
        date->GetReflection()->SetInt32(date, d->FindFieldByName("day"), day);
        return absl::OkStatus();  // the service judges whether the day exists
      }
      return absl::InvalidArgumentError(absl::StrCat(param, " is a message; set its fields (", param, ".x=...)"));
  }
  return absl::InvalidArgumentError(absl::StrCat(param, ": unsupported type"));
}

// Sets a dotted field path ("household.name") on `msg` from text.
absl::Status SetPath(gp::Message* msg, const std::string& path, const std::string& value) {
  if (!gp::internal::IsStructurallyValidUTF8(path)) {
    return absl::InvalidArgumentError("a query parameter's name is not valid UTF-8");
  }
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  gp::Message* current = msg;
  for (size_t i = 0; i < parts.size(); ++i) {
    const gp::FieldDescriptor* f = FindField(current->GetDescriptor(), parts[i]);
    if (!f) return absl::InvalidArgumentError(absl::StrCat("unknown parameter '", path, "'"));
    if (i + 1 == parts.size()) return SetScalar(current, f, value, path);
    if (f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE || f->is_repeated()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown parameter '", path, "'"));
    }
    current = current->GetReflection()->MutableMessage(current, f);
  }
  return absl::OkStatus();
}

// The field path a query parameter names, in the proto's own names ("householdName" and
// "household_name" alike); the key itself when a part does not resolve (SetPath then
// refuses it).
std::string CanonicalPath(const gp::Descriptor* d, const std::string& key) {
  std::vector<std::string> names;
  for (const std::string& part : std::vector<std::string>(absl::StrSplit(key, '.'))) {
    const gp::FieldDescriptor* f = d ? FindField(d, part) : nullptr;
    if (!f) return key;
    names.push_back(f->name());
    d = f->message_type();
  }
  return absl::StrJoin(names, ".");
}

// Whether one dotted field path is the other or inside it.
bool Overlaps(const std::string& a, const std::string& b) {
  return a == b || absl::StartsWith(a, b + ".") || absl::StartsWith(b, a + ".");
}

void AddRoute(std::vector<Route>& routes, const gp::MethodDescriptor* m, const google::api::HttpRule& rule,
              std::vector<std::string>& problems) {
  std::string verb, path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet: verb = "GET"; path = rule.get(); break;
    case google::api::HttpRule::kPost: verb = "POST"; path = rule.post(); break;
    case google::api::HttpRule::kPatch: verb = "PATCH"; path = rule.patch(); break;
    case google::api::HttpRule::kPut: verb = "PUT"; path = rule.put(); break;
    case google::api::HttpRule::kDelete: verb = "DELETE"; path = rule.delete_(); break;
    case google::api::HttpRule::kCustom: verb = rule.custom().kind(); path = rule.custom().path(); break;
    default: return;
  }
  auto tmpl = PathTemplate::Parse(path);
  if (!tmpl.ok()) {
    problems.push_back(absl::StrCat(m->full_name(), ": ", tmpl.status().message()));
    return;
  }
  routes.push_back(Route{verb, *std::move(tmpl), rule.body(), m,
                         absl::StrCat("/", m->service()->full_name(), "/", m->name())});
}

}  // namespace

int HttpStatusFor(int code) {
  static const int kStatus[] = {200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401};
  return code >= 0 && code <= 16 ? kStatus[code] : 500;
}

absl::StatusOr<std::unique_ptr<Transcoder>> Transcoder::Create(const std::string& descriptor_set,
                                                               const std::vector<std::string>& prefixes) {
  gp::FileDescriptorSet set;
  if (!set.ParseFromString(descriptor_set)) return absl::InvalidArgumentError("descriptor set does not parse");
  std::unique_ptr<Transcoder> t(new Transcoder());
  for (const auto& file : set.file()) {
    if (!t->pool_.BuildFile(file)) return absl::InvalidArgumentError(absl::StrCat("cannot build ", file.name()));
  }
  t->resolver_.reset(gp::util::NewTypeResolverForDescriptorPool(kTypeUrlPrefix, &t->pool_));
  std::vector<std::string> problems;
  for (const auto& file : set.file()) {
    const gp::FileDescriptor* fd = t->pool_.FindFileByName(file.name());
    for (int s = 0; s < fd->service_count(); ++s) {
      const gp::ServiceDescriptor* service = fd->service(s);
      for (int i = 0; i < service->method_count(); ++i) {
        const gp::MethodDescriptor* m = service->method(i);
        t->grpc_methods_[absl::StrCat("/", service->full_name(), "/", m->name())] = m;
      }
      bool routed = std::any_of(prefixes.begin(), prefixes.end(),
                                [&](const std::string& p) { return service->full_name().rfind(p, 0) == 0; });
      if (!routed) continue;
      for (int i = 0; i < service->method_count(); ++i) {
        const gp::MethodDescriptor* m = service->method(i);
        if (!m->options().HasExtension(google::api::http)) continue;
        const google::api::HttpRule& rule = m->options().GetExtension(google::api::http);
        AddRoute(t->routes_, m, rule, problems);
        for (const auto& extra : rule.additional_bindings()) AddRoute(t->routes_, m, extra, problems);
      }
    }
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrCat("bad http rules: ", problems[0]));
  for (Route& route : t->routes_) route.json_by_reflection = JsonWritableByReflection(route.method->output_type());
  // Most specific first: more literal segments win ("/v1/households:search" before "/v1/{name=households/*}").
  std::stable_sort(t->routes_.begin(), t->routes_.end(),
                   [](const Route& a, const Route& b) { return a.path.literal_count() > b.path.literal_count(); });
  return t;
}

RouteMatch Transcoder::Match(const std::string& http_method, const std::string& path) const {
  const std::string method = http_method == "HEAD" ? "GET" : http_method;
  RouteMatch match;
  const RequestPath request_path(path);
  for (const auto& r : routes_) {
    auto b = r.path.Match(request_path);
    if (!b) continue;
    match.allowed.push_back(r.http_method);
    if (r.http_method == "GET") match.allowed.push_back("HEAD");
    if (!match.route && r.http_method == method) {
      match.route = &r;
      match.bindings = *std::move(b);
    }
  }
  std::sort(match.allowed.begin(), match.allowed.end());
  match.allowed.erase(std::unique(match.allowed.begin(), match.allowed.end()), match.allowed.end());
  return match;
}

absl::StatusOr<std::string> Transcoder::Prepare(const RouteMatch& match,
                                                const std::multimap<std::string, std::string>& query,
                                                const std::string& body) const {
  const Route* route = match.route;
  if (!route) return absl::InternalError("no route to prepare a request for");
  std::unique_ptr<gp::Message> request(factory_.GetPrototype(route->method->input_type())->New());
  gp::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  if (!route->body.empty() && !body.empty()) {
    gp::Message* target = request.get();
    if (route->body != "*") {
      const gp::FieldDescriptor* f = request->GetDescriptor()->FindFieldByName(route->body);
      if (!f || f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE) {
        return absl::InternalError(absl::StrCat("route body field ", route->body, " is not a message"));
      }
      target = request->GetReflection()->MutableMessage(request.get(), f);
    }
    auto parsed = gp::util::JsonStringToMessage(body, target, options);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("request body: ", std::string(parsed.message())));
    }
  }
  for (const auto& [field, value] : match.bindings) {
    if (auto s = SetPath(request.get(), field, value); !s.ok()) return s;
  }
  if (route->body != "*") {
    for (const auto& [key, value] : query) {
      if (key == "access_token" || key == "$alt") continue;
      // What the path or the body carries is not for a query parameter to change
      // (google.api.http: parameters fill only the fields neither binds).
      const std::string field = CanonicalPath(request->GetDescriptor(), key);
      for (const auto& bound : match.bindings) {
        if (Overlaps(field, bound.first)) {
          return absl::InvalidArgumentError(absl::StrCat("query parameter '", key, "' would change '", bound.first,
                                                         "', which the path gives"));
        }
      }
      if (!route->body.empty() && Overlaps(field, route->body)) {
        return absl::InvalidArgumentError(
            absl::StrCat("query parameter '", key, "' would change '", route->body, "', which the body gives"));
      }
      if (auto s = SetPath(request.get(), key, value); !s.ok()) return s;
    }
  }
  std::string serialized;
  request->SerializeToString(&serialized);
  return serialized;
}

absl::StatusOr<std::string> Transcoder::ResponseJson(const Route& route, const std::string& bytes) const {
  // Parsed whole first: protobuf's JSON writer takes a truncated field as it finds it.
  std::unique_ptr<gp::Message> response(factory_.GetPrototype(route.method->output_type())->New());
  // (Partial: a proto3 message has no required field to check for.)
  if (!response->ParsePartialFromString(bytes)) return absl::InternalError("backend response does not parse");
  std::string json;
  if (route.json_by_reflection) {
    if (!AppendMessageJson(*response, json).ok()) {
      return absl::InternalError("backend response cannot be written as JSON");
    }
    return json;
  }
  // The rest from the bytes as they came, with the resolver kept for the image
  // (MessageToJsonString would serialize the parsed message again).
  gp::util::JsonPrintOptions options;
  auto s = gp::util::BinaryToJsonString(resolver_.get(),
                                        absl::StrCat(kTypeUrlPrefix, "/", route.method->output_type()->full_name()),
                                        bytes, &json, options);
  if (!s.ok()) return absl::InternalError("backend response cannot be written as JSON");
  return json;
}

}  // namespace gateway
