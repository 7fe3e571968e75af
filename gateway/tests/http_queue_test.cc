// The REST work queue without sockets: a connection runs on a worker while one is free,
// waits (at most `waiting` of them), and beyond that is shed — on a shedding thread, or
// on the accepting thread when those are busy too — and counted. And with sockets: the
// REST port's listen backlog widened past cpp-httplib's five.
#include "gateway/http_queue.h"

#include <gtest/gtest.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <vector>

namespace gateway {
namespace {

// Holds the tasks that wait on it until Open().
class Gate {
 public:
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    open_cv_.wait(lock, [&] { return open_; });
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      open_ = true;
    }
    open_cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable open_cv_;
  bool open_ = false;
};

TEST(HttpWorkQueue, ConnectionsBeyondTheWorkersAndTheWaitingAreShed) {
  prometheus::Registry registry;
  auto& waiting = prometheus::BuildGauge().Name("waiting").Help("w").Register(registry).Add({});
  auto& shed = prometheus::BuildCounter().Name("shed").Help("s").Register(registry).Add({});
  Gate gate;
  std::promise<bool> first_shedding, second_shedding, third_shedding, fourth_shedding;
  std::promise<std::thread::id> fourth_thread;
  std::atomic<int> started{0};
  {
    HttpWorkQueue queue({.workers = 1, .waiting = 1, .shedders = 1}, &waiting, &shed);
    // 1: the worker, held.
    queue.enqueue([&] {
      first_shedding.set_value(HttpWorkQueue::Shedding());
      ++started;
      gate.Wait();
    });
    while (started.load() < 1) std::this_thread::yield();
    // 2: waits for the worker.
    queue.enqueue([&] { second_shedding.set_value(HttpWorkQueue::Shedding()); });
    EXPECT_EQ(waiting.Value(), 1);
    EXPECT_EQ(shed.Value(), 0);
    // 3: no room to wait: a shedding thread takes it (held too).
    queue.enqueue([&] {
      third_shedding.set_value(HttpWorkQueue::Shedding());
      ++started;
      gate.Wait();
    });
    while (started.load() < 2) std::this_thread::yield();
    EXPECT_EQ(shed.Value(), 1);
    EXPECT_TRUE(third_shedding.get_future().get());
    // 4: the shedding thread busy and its one waiting place free: waits there. 5: none
    // left at all: shed on the accepting thread itself.
    queue.enqueue([&] {});
    queue.enqueue([&] {
      fourth_shedding.set_value(HttpWorkQueue::Shedding());
      fourth_thread.set_value(std::this_thread::get_id());
    });
    EXPECT_EQ(shed.Value(), 3);
    EXPECT_TRUE(fourth_shedding.get_future().get());
    EXPECT_EQ(fourth_thread.get_future().get(), std::this_thread::get_id());
    EXPECT_FALSE(HttpWorkQueue::Shedding()) << "the accepting thread is itself again";
    gate.Open();
    EXPECT_FALSE(first_shedding.get_future().get());
    EXPECT_FALSE(second_shedding.get_future().get());
  }  // shutdown: everything accepted has run
  EXPECT_EQ(waiting.Value(), 0);
}

TEST(HttpWorkQueue, ShutdownRunsWhatWasAcceptedEachOwningAConnection) {
  std::atomic<int> ran{0};
  {
    HttpWorkQueue queue({.workers = 2, .waiting = 100, .shedders = 1}, nullptr, nullptr);
    for (int i = 0; i < 50; ++i) queue.enqueue([&] { ++ran; });
    queue.shutdown();
    EXPECT_EQ(ran.load(), 50);
  }
  EXPECT_EQ(ran.load(), 50);
}

// A socket listening on a free loopback port with `backlog`, as cpp-httplib leaves it.
struct Listener {
  explicit Listener(int backlog) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(listen(fd, backlog), 0);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
  }
  ~Listener() { close(fd); }
  int fd = -1, port = 0;
};

// How many of `clients` connecting at once to `port`, where nobody accepts, are
// connected within `wait`: the kernel completes as many as the listen backlog holds and
// drops the others' SYNs (they would try again a second later).
int Connected(int port, int clients, std::chrono::milliseconds wait) {
  std::vector<pollfd> sockets;
  for (int i = 0; i < clients; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    sockets.push_back({.fd = fd, .events = POLLOUT, .revents = 0});
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  int connected = 0;
  std::vector<bool> counted(sockets.size(), false);
  while (connected < clients && std::chrono::steady_clock::now() < deadline) {
    poll(sockets.data(), sockets.size(), 20);
    for (size_t i = 0; i < sockets.size(); ++i) {
      if (counted[i] || !(sockets[i].revents & POLLOUT)) continue;
      int error = 0;
      socklen_t size = sizeof error;
      getsockopt(sockets[i].fd, SOL_SOCKET, SO_ERROR, &error, &size);
      if (error == 0) {
        counted[i] = true;
        ++connected;
        sockets[i].events = 0;
      }
    }
  }
  for (const pollfd& p : sockets) close(p.fd);
  return connected;
}

TEST(ListenBacklog, TheRestPortTakesManyClientsConnectingAtOnce) {
  Listener widened(5), untouched(5);
  WidenListenBacklog(widened.port);
  EXPECT_EQ(Connected(widened.port, 64, std::chrono::seconds(5)), 64);
  // The control: a backlog of five leaves most of 64 clients unconnected for now (and
  // only the port named was widened).
  EXPECT_LT(Connected(untouched.port, 64, std::chrono::milliseconds(500)), 64);
}

}  // namespace
}  // namespace gateway
