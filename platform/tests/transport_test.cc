// gRPC's transport security with real certificates (platform/rpc/transport.h): settings
// checked at start-up, mutual TLS between a service and its callers, strangers refused,
// the plaintext health-only port, a renewed certificate served without a restart, and
// an event consumer reading its upstream over mutual TLS.
#include "platform/rpc/transport.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <thread>

#include "adoption/events/v1/events.pb.h"
#include "health/v1/health.grpc.pb.h"
#include "platform/testing/certificates.h"
#include "platform/testing/testing.h"

namespace platform {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class TransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = certs_.NewAuthority("suite-ca");
    server_ = certs_.Issue(ca_, "recruitment", "recruitment");
    client_ = certs_.Issue(ca_, "familyfinding", "familyfinding");
  }
  TransportSettings Settings(const testing::TestCertificates::Issued& who, const std::string& ca) {
    return {.cert_file = who.cert, .key_file = who.key, .ca_file = ca, .reload_seconds = 1};
  }
  std::unique_ptr<ServiceHost> StartHost(EventVisibility visibility = {}) {
    ServiceConfig config = testing::TestConfig("recruitment", db_.url());
    config.transport = Settings(server_, ca_);
    config.health_address = "127.0.0.1:0";
    auto host = ServiceHost::Create(config, {}, std::move(visibility));
    EXPECT_TRUE(host.ok()) << host.status();
    EXPECT_TRUE((*host)->Start().ok());
    return std::move(*host);
  }
  // A channel of its own (not sharing another channel's connection), so each call
  // makes a handshake.
  static std::shared_ptr<grpc::Channel> Channel(const std::shared_ptr<grpc::ChannelCredentials>& credentials,
                                                int port) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port), credentials, args);
  }
  // The health check's status code, and the common name the server's certificate gave.
  static grpc::StatusCode Check(const std::shared_ptr<grpc::Channel>& channel, std::string* server_name = nullptr) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    HealthCheckResponse response;
    grpc::Status s = Health::NewStub(channel)->Check(&ctx, HealthCheckRequest(), &response);
    if (s.ok() && server_name) {
      auto names = ctx.auth_context()->FindPropertyValues("x509_common_name");
      *server_name = names.empty() ? "" : std::string(names[0].data(), names[0].size());
    }
    return s.error_code();
  }
  testing::ScratchDatabase db_{"sqlite"};
  testing::TestCertificates certs_;
  std::string ca_;
  testing::TestCertificates::Issued server_, client_;
};

TEST_F(TransportTest, TheSettingsAreCheckedAtStartUpNamingTheFlag) {
  auto none = Transport::Create({});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("TLS needs --tls-cert-file, --tls-key-file, --tls-ca-file (or "
                                         "--plaintext-development"),
            std::string::npos)
      << none.status();
  TransportSettings missing = Settings(server_, ca_);
  missing.key_file = certs_.dir() + "/nowhere.key";
  EXPECT_NE(Transport::Create(missing).status().message().find("--tls-key-file " + missing.key_file +
                                                               " cannot be read"),
            std::string::npos);
  TransportSettings mismatched = Settings(server_, ca_);
  mismatched.key_file = client_.key;
  EXPECT_NE(Transport::Create(mismatched).status().message().find("is not the key of --tls-cert-file"),
            std::string::npos);
  TransportSettings not_pem = Settings(server_, client_.key);
  EXPECT_NE(Transport::Create(not_pem).status().message().find("--tls-ca-file " + client_.key +
                                                               " holds no PEM certificate"),
            std::string::npos);
  EXPECT_TRUE(Transport::Create({.plaintext_development = true}).value()->plaintext());
  EXPECT_FALSE(Transport::Create(Settings(server_, ca_)).value()->plaintext());
  // A service given neither does not start.
  ServiceConfig config = testing::TestConfig("recruitment", db_.url());
  config.transport = {};
  EXPECT_EQ(ServiceHost::Create(config, {}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(TransportTest, AServiceSpeaksMutualTlsAndRefusesStrangers) {
  auto host = StartHost();
  auto client = Transport::Create(Settings(client_, ca_)).value();
  std::string server_name;
  EXPECT_EQ(Check(Channel(client->ChannelCredentials(), host->port()), &server_name), grpc::StatusCode::OK);
  EXPECT_EQ(server_name, "recruitment");
  // Plaintext is refused.
  EXPECT_EQ(Check(Channel(grpc::InsecureChannelCredentials(), host->port())), grpc::StatusCode::UNAVAILABLE);
  // TLS without a certificate of the caller's own is refused.
  grpc::experimental::TlsChannelCredentialsOptions anonymous;
  anonymous.set_certificate_provider(std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(ca_, 1));
  anonymous.watch_root_certs();
  EXPECT_EQ(Check(Channel(grpc::experimental::TlsCredentials(anonymous), host->port())),
            grpc::StatusCode::UNAVAILABLE);
  // A certificate another authority signed is refused.
  const std::string other_ca = certs_.NewAuthority("other-ca");
  auto stranger = Transport::Create(Settings(certs_.Issue(other_ca, "familyfinding", "stranger"), ca_)).value();
  EXPECT_EQ(Check(Channel(stranger->ChannelCredentials(), host->port())), grpc::StatusCode::UNAVAILABLE);
  // A server whose certificate another authority signed is refused by the client.
  EXPECT_EQ(Check(Channel(Transport::Create(Settings(client_, other_ca)).value()->ChannelCredentials(),
                          host->port())),
            grpc::StatusCode::UNAVAILABLE);
  // The health-only port answers probes in plaintext, and serves nothing else.
  ASSERT_GT(host->health_port(), 0);
  EXPECT_EQ(Check(Channel(grpc::InsecureChannelCredentials(), host->health_port())), grpc::StatusCode::OK);
  grpc::ClientContext ctx;
  adoption::events::v1::ReadEventsResponse response;
  auto events = adoption::events::v1::EventLogService::NewStub(
      Channel(grpc::InsecureChannelCredentials(), host->health_port()));
  EXPECT_EQ(events->ReadEvents(&ctx, {}, &response).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  host->Shutdown();
}

TEST_F(TransportTest, ARenewedCertificateIsServedWithoutARestart) {
  auto host = StartHost();
  auto client = Transport::Create(Settings(client_, ca_)).value();
  std::string server_name;
  ASSERT_EQ(Check(Channel(client->ChannelCredentials(), host->port()), &server_name), grpc::StatusCode::OK);
  EXPECT_EQ(server_name, "recruitment");
  // The renewal replaces the files, as a certificate manager does.
  auto renewed = certs_.Issue(ca_, "recruitment-renewed", "renewed");
  std::filesystem::copy_file(renewed.key, server_.key + ".new");
  std::filesystem::copy_file(renewed.cert, server_.cert + ".new");
  std::filesystem::rename(server_.key + ".new", server_.key);
  std::filesystem::rename(server_.cert + ".new", server_.cert);
  for (int i = 0; i < 100 && server_name != "recruitment-renewed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(Check(Channel(client->ChannelCredentials(), host->port()), &server_name), grpc::StatusCode::OK);
  }
  EXPECT_EQ(server_name, "recruitment-renewed");
  host->Shutdown();
}

TEST_F(TransportTest, AConsumerReadsItsUpstreamOverMutualTls) {
  auto host = StartHost({{"familyfinding", {"adoption.events.v1.HouseholdRegistered"}}});
  ASSERT_TRUE(host->db().Transaction([](soci::session& tx) {
                       adoption::events::v1::HouseholdRegistered e;
                       e.set_household("households/h1");
                       AppendToOutbox(tx, "household", "h1", e, "req");
                       return absl::OkStatus();
                     }).ok());
  while (host->sequencer().SequenceOnce().value() > 0) {
  }
  testing::ScratchDatabase consumer_db_scratch("sqlite");
  auto consumer_db = Database::Open(consumer_db_scratch.url(), 2).value();
  ASSERT_TRUE(consumer_db->Migrate("platform", PlatformMigrations()).ok());
  int applied = 0;
  Consumer::Options options;
  options.upstream = "recruitment";
  options.target = "127.0.0.1:" + std::to_string(host->port());
  options.token = [] { return testing::TokenFor({Role::kService}, "familyfinding"); };
  options.handlers["adoption.events.v1.HouseholdRegistered"] = [&](soci::session&, const auto&) {
    ++applied;
    return absl::OkStatus();
  };
  options.transport = Transport::Create(Settings(client_, ca_)).value();
  Consumer consumer(consumer_db.get(), nullptr, options);
  EXPECT_EQ(consumer.PollOnce().value(), 1);
  EXPECT_EQ(applied, 1);
  // The host's own consumers present no token over mutual TLS: their certificate is it.
  EXPECT_EQ(host->ServiceToken(), "");
  // The same consumer in plaintext cannot read it.
  options.transport = Transport::Plaintext();
  Consumer plaintext(consumer_db.get(), nullptr, options);
  EXPECT_FALSE(plaintext.PollOnce().ok());
  host->Shutdown();
}

// Between services the certificate is the credential: no token is needed, and a
// service token is refused from a peer whose certificate names someone else.
TEST_F(TransportTest, AServiceIsKnownByItsCertificate) {
  auto host = StartHost({{"familyfinding", {"adoption.events.v1.HouseholdRegistered"}}});
  auto read = [&](const testing::TestCertificates::Issued& who, const std::string& token) {
    auto transport = Transport::Create(Settings(who, ca_)).value();
    grpc::ClientContext ctx;
    if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
    adoption::events::v1::ReadEventsResponse response;
    return adoption::events::v1::EventLogService::NewStub(Channel(transport->ChannelCredentials(), host->port()))
        ->ReadEvents(&ctx, {}, &response);
  };
  // familyfinding's certificate alone reads what familyfinding may read.
  grpc::Status by_certificate = read(client_, "");
  EXPECT_TRUE(by_certificate.ok()) << by_certificate.error_message();
  // Another service's certificate: known, but not granted this log.
  auto letterbox = certs_.Issue(ca_, "letterbox", "letterbox");
  EXPECT_EQ(read(letterbox, "").error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // A certificate that names no service of the suite's (the gateway's) is no credential.
  auto gateway = certs_.Issue(ca_, "gateway", "gateway");
  grpc::Status anonymous = read(gateway, "");
  EXPECT_EQ(anonymous.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(anonymous.error_message().find("the certificate of 'gateway' is not a service"), std::string::npos);
  // familyfinding's token presented by letterbox, or by the gateway, is refused...
  const std::string familyfinding_token = testing::TokenFor({Role::kService}, "familyfinding");
  grpc::Status borrowed = read(letterbox, familyfinding_token);
  EXPECT_EQ(borrowed.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(borrowed.error_message().find("a service token for 'familyfinding' presented by 'letterbox'"),
            std::string::npos)
      << borrowed.error_message();
  EXPECT_EQ(read(gateway, familyfinding_token).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // ...and by familyfinding itself it is accepted.
  EXPECT_TRUE(read(client_, familyfinding_token).ok());
  // A person's token forwarded by the gateway is the person's (here: not a reader of logs).
  EXPECT_EQ(read(gateway, testing::TokenFor({Role::kManager})).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  host->Shutdown();
}

}  // namespace
}  // namespace platform
