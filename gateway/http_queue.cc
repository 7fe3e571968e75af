#include "gateway/http_queue.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <sys/socket.h>

#include <filesystem>

#include "absl/strings/numbers.h"

namespace gateway {
namespace {
thread_local bool shedding = false;
}  // namespace

HttpWorkQueue::Pool::Pool(int threads, size_t max_waiting, bool shedding_pool, prometheus::Gauge* waiting_gauge)
    : max_waiting_(max_waiting),
      shedding_(shedding_pool),
      threads_count_(static_cast<size_t>(threads)),
      waiting_gauge_(waiting_gauge) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

HttpWorkQueue::Pool::~Pool() { Stop(); }

bool HttpWorkQueue::Pool::TryAdd(std::function<void()>& fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Every task accepted and not finished: those running and those queued.
    if (stopping_ || busy_ + tasks_.size() >= threads_count_ + max_waiting_) return false;
    tasks_.push_back(std::move(fn));
    CountWaiting();
  }
  ready_.notify_one();
  return true;
}

void HttpWorkQueue::Pool::CountWaiting() {
  if (!waiting_gauge_) return;
  const size_t accepted = busy_ + tasks_.size();
  waiting_gauge_->Set(accepted > threads_count_ ? static_cast<double>(accepted - threads_count_) : 0.0);
}

void HttpWorkQueue::Pool::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void HttpWorkQueue::Pool::Run() {
  shedding = shedding_;
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      // Stopping still serves what was accepted: each task owns a connection to close.
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
      ++busy_;
    }
    task();
    std::lock_guard<std::mutex> lock(mu_);
    --busy_;
    CountWaiting();
  }
}

HttpWorkQueue::HttpWorkQueue(Options options, prometheus::Gauge* waiting_gauge, prometheus::Counter* shed)
    : workers_(options.workers, static_cast<size_t>(options.waiting), false, waiting_gauge),
      shedders_(options.shedders, static_cast<size_t>(options.waiting), true, nullptr),
      shed_(shed) {}

HttpWorkQueue::~HttpWorkQueue() { shutdown(); }

void HttpWorkQueue::enqueue(std::function<void()> fn) {
  if (workers_.TryAdd(fn)) return;
  if (shed_) shed_->Increment();
  if (shedders_.TryAdd(fn)) return;
  // Even the shedders are busy: shed here, and accept nothing more meanwhile.
  shedding = true;
  fn();
  shedding = false;
}

void HttpWorkQueue::shutdown() {
  workers_.Stop();
  shedders_.Stop();
}

bool HttpWorkQueue::Shedding() { return shedding; }

// Linux takes a second listen() on a listening socket as its new backlog.
void WidenListenBacklog(int port) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    int fd = -1;
    if (!absl::SimpleAtoi(entry.path().filename().string(), &fd)) continue;
    int listening = 0;
    socklen_t size = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || !listening) continue;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    int bound = -1;
    if (address.ss_family == AF_INET) bound = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6) bound = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    if (bound == port) ::listen(fd, SOMAXCONN);
  }
}

}  // namespace gateway
