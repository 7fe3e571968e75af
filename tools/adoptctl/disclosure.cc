#include "tools/adoptctl/disclosure.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "adoption/records/v1/records.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "platform/core/writing.h"
#include "tools/adoptctl/call.h"

namespace adoptctl {

namespace rpb = adoption::records::v1;

namespace {

// The gateway picks whose records a call reads by this metadata.
constexpr char kServiceMetadata[] = "adoption-service";

std::string TimeText(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(t.seconds()), absl::UTCTimeZone()) + " UTC";
}

// The content as nested lists, each string at a flagged path marked with whose it is.
void RenderValue(const google::protobuf::Value& v, const std::string& path,
                 const std::map<std::string, std::string>& flagged, std::string& html) {
  switch (v.kind_case()) {
    case google::protobuf::Value::kStructValue: {
      html += "<dl>";
      for (const auto& [key, value] : v.struct_value().fields()) {
        absl::StrAppend(&html, "<dt>", platform::HtmlEscape(key), "</dt><dd>");
        RenderValue(value, path.empty() ? key : absl::StrCat(path, ".", key), flagged, html);
        html += "</dd>";
      }
      html += "</dl>";
      break;
    }
    case google::protobuf::Value::kListValue: {
      html += "<ol start=\"0\">";
      for (int i = 0; i < v.list_value().values_size(); ++i) {
        html += "<li>";
        RenderValue(v.list_value().values(i), absl::StrCat(path, "[", i, "]"), flagged, html);
        html += "</li>";
      }
      html += "</ol>";
      break;
    }
    case google::protobuf::Value::kStringValue: {
      auto flag = flagged.find(path);
      if (flag == flagged.end()) {
        absl::StrAppend(&html, "<span class=\"text\">", platform::HtmlEscape(v.string_value()), "</span>");
      } else {
        absl::StrAppend(&html, "<mark class=\"third-party\">", platform::HtmlEscape(v.string_value()),
                        "</mark> <strong class=\"flag\">[", platform::HtmlEscape(flag->second),
                        ": review and redact before release]</strong>");
      }
      break;
    }
    case google::protobuf::Value::kBoolValue:
      html += v.bool_value() ? "yes" : "no";
      break;
    case google::protobuf::Value::kNumberValue:
      absl::StrAppend(&html, v.number_value());
      break;
    default:
      break;
  }
}

// A new private file (never over one, never through a link): it holds personal data.
absl::Status WritePrivate(const std::string& path, const std::string& text) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    return errno == EEXIST ? absl::AlreadyExistsError(absl::StrCat(path, " exists: an export never overwrites a file"))
                           : absl::UnavailableError(absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      close(fd);
      return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", why));
    }
    written += static_cast<size_t>(n);
  }
  const bool synced = fsync(fd) == 0;
  if (close(fd) != 0 || !synced) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace

std::string DisclosureHtml(const std::string& subject, const std::vector<rpb::Disclosure>& parts) {
  int items = 0, details = 0;
  for (const auto& part : parts) {
    items += part.items_size();
    for (const auto& item : part.items()) details += item.third_party_details_size();
  }
  std::string html = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Records held on ", platform::HtmlEscape(subject),
      "</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
      "section.item{border:1px solid #888;padding:0.5em 1em;margin:1em 0}dt{font-weight:bold}"
      "dd{margin-left:1.5em}mark.third-party{background:#ddd;outline:2px dashed #000}"
      ".flag{font-size:0.9em}table{border-collapse:collapse}td,th{border:1px solid #888;padding:0.2em 0.5em}"
      "@media print{section.item{break-inside:avoid}}</style></head><body>\n<h1>Records held on ",
      platform::HtmlEscape(subject), "</h1>\n<p>", items, " record", items == 1 ? "" : "s", " from ", parts.size(), " service",
      parts.size() == 1 ? "" : "s", ". <strong>", details, " identifying detail", details == 1 ? "" : "s",
      " of third parties</strong> (birth relatives, other children, referees) are marked: a worker reviews and "
      "redacts each before anything is released.</p>\n");
  if (details > 0) {
    html += "<h2>Details to review</h2>\n<table><thead><tr><th>service</th><th>record</th><th>field</th>"
            "<th>whose</th><th>text</th></tr></thead><tbody>\n";
    for (const auto& part : parts) {
      for (const auto& item : part.items()) {
        for (const auto& d : item.third_party_details()) {
          absl::StrAppend(&html, "<tr><td>", platform::HtmlEscape(part.source()), "</td><td>", platform::HtmlEscape(item.record()), "</td><td>",
                          platform::HtmlEscape(d.field()), "</td><td>", platform::HtmlEscape(d.third_party()), "</td><td>", platform::HtmlEscape(d.text()),
                          "</td></tr>\n");
        }
      }
    }
    html += "</tbody></table>\n";
  }
  for (const auto& part : parts) {
    absl::StrAppend(&html, "<h2>", platform::HtmlEscape(part.source()), "</h2>\n");
    if (part.items_size() == 0) html += "<p>Holds no record on this person.</p>\n";
    for (const auto& item : part.items()) {
      std::map<std::string, std::string> flagged;
      for (const auto& d : item.third_party_details()) flagged[d.field()] = d.third_party();
      absl::StrAppend(&html, "<section class=\"item\"><h3>", platform::HtmlEscape(item.record()), " (", platform::HtmlEscape(item.record_type()),
                      ")</h3>\n<p>Recorded ", platform::HtmlEscape(TimeText(item.create_time())), " by ",
                      platform::HtmlEscape(item.created_by()), "; last changed ", platform::HtmlEscape(TimeText(item.update_time())), " by ",
                      platform::HtmlEscape(item.updated_by()), ".</p>\n");
      google::protobuf::Value root;
      *root.mutable_struct_value() = item.content();
      RenderValue(root, "", flagged, html);
      html += "</section>\n";
    }
  }
  html += "</body></html>\n";
  return html;
}

std::string DisclosureExportDescription() {
  return "Asks each service named (every service by default) through the gateway's gRPC port for\n"
         "everything it holds on one person (docs/records.md, \"Disclosure\"): a child, or the adult an\n"
         "adopted child became (--subject children/ID), or adopters (--subject households/ID). Writes\n"
         "two new files into --out, readable by their owner alone: disclosure.json (each service's\n"
         "answer) and disclosure.html (one page to review and print). Third parties' identifying\n"
         "details — birth relatives, other children, referees — are marked: a worker reviews and\n"
         "redacts each before anything is released. A manager's token; each service audits the\n"
         "export under the person.";
}

std::vector<std::string> DisclosureExportExamples() {
  return {"adoptctl disclosure export --target gateway:8443 --token-file token --subject children/01J... "
          "--out disclosure-2026-12"};
}

int DisclosureExport(Cli& cli) {
  CallTarget call;
  std::vector<std::string> services;
  std::string subject, out;
  call.Declare(cli);
  cli.String("subject", &subject, "the person: children/ID or households/ID")
      .Required()
      .String("out", &out, "the directory to write into (made, private, when it does not exist)")
      .Required()
      .List("service", &services, "ask only these services (repeat, or separate with commas); every service when "
                                  "none: " + absl::StrJoin(Contexts(), ", "),
            platform::OneOf(Contexts()));
  if (auto done = cli.Parse()) return *done;
  if (services.empty()) services = Contexts();

  auto channel = call.dialing.Channel(call.target);
  if (!channel.ok()) return cli.Failed(std::string(channel.status().message()));
  auto stub = rpb::RecordsService::NewStub(*channel);
  std::vector<rpb::Disclosure> parts;
  rpb::ExportDisclosureRequest request;
  request.set_subject(subject);
  for (const std::string& service : services) {
    grpc::ClientContext ctx;
    if (absl::Status prepared = call.Prepare(ctx); !prepared.ok()) return cli.Failed(std::string(prepared.message()));
    ctx.AddMetadata(kServiceMetadata, service);
    rpb::Disclosure part;
    grpc::Status s = stub->ExportDisclosure(&ctx, request, &part);
    if (!s.ok()) return cli.Failed(absl::StrCat(service, "'s records: ", StatusText(s)));
    parts.push_back(std::move(part));
  }

  std::error_code ec;
  std::filesystem::create_directory(out, ec);
  if (ec) return cli.Failed(absl::StrCat("cannot make ", out, ": ", ec.message()));
  std::filesystem::permissions(out, std::filesystem::perms::owner_all, ec);
  std::string json = absl::StrCat("{\"subject\":\"", subject, "\",\"services\":[");
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string part;
    (void)google::protobuf::util::MessageToJsonString(parts[i], &part);
    absl::StrAppend(&json, i ? "," : "", part);
  }
  json += "]}\n";
  for (const auto& [name, text] :
       {std::pair<std::string, std::string>{"disclosure.json", json}, {"disclosure.html", DisclosureHtml(subject, parts)}}) {
    if (absl::Status written = WritePrivate((std::filesystem::path(out) / name).string(), text); !written.ok()) {
      return cli.Failed(std::string(written.message()));
    }
  }
  int items = 0, details = 0;
  for (const auto& part : parts) {
    items += part.items_size();
    for (const auto& item : part.items()) details += item.third_party_details_size();
  }
  cli.out() << "wrote " << out << "/disclosure.json and " << out << "/disclosure.html: " << items << " records from "
            << parts.size() << " services, " << details << " third-party details to review before release\n";
  return 0;
}

}  // namespace adoptctl
