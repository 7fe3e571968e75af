#pragma once
// The REST port's connections and the threads that serve them (docs/operations.md,
// "Gateway under load"). cpp-httplib hands each accepted connection to a task queue;
// its own ThreadPool queues without bound, so under a flood, or while slow and idle
// clients hold every worker, new requests would wait without an answer while the queue
// and memory grow. This queue bounds the wait: `workers` threads serve connections, at
// most `waiting` connections wait for one, and a connection beyond that goes to one of
// a few shedding threads, which read its request and answer 503 with Retry-After
// (Shedding() is true there) — quick, since they do nothing else. When even those are
// busy, the accepting thread sheds the connection itself, so accepting slows to the pace
// of shedding and the kernel's listen backlog holds the rest.
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace prometheus {
class Counter;
class Gauge;
}  // namespace prometheus

namespace gateway {

class HttpWorkQueue : public httplib::TaskQueue {
 public:
  struct Options {
    int workers = 32;
    int waiting = 64;
    int shedders = 2;
  };
  // `waiting_gauge` (connections waiting for a worker) and `shed` (connections
  // answered 503 for want of one) may be null.
  HttpWorkQueue(Options options, prometheus::Gauge* waiting_gauge, prometheus::Counter* shed);
  ~HttpWorkQueue() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // True while this thread serves a connection that is to be refused: the gateway
  // answers its requests 503 without reading further.
  static bool Shedding();

 private:
  // A fixed set of threads over a bounded queue of tasks.
  class Pool {
   public:
    // `waiting_gauge`: kept at the number of tasks waiting for a thread (may be null).
    Pool(int threads, size_t max_waiting, bool shedding, prometheus::Gauge* waiting_gauge);
    ~Pool();
    // False when every thread is busy and `max_waiting` tasks wait already.
    bool TryAdd(std::function<void()>& fn);
    void Stop();

   private:
    void Run();
    void CountWaiting();  // under mu_
    const size_t max_waiting_;
    const bool shedding_;
    std::mutex mu_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> tasks_;
    const size_t threads_count_;
    prometheus::Gauge* waiting_gauge_;
    size_t busy_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
  };
  Pool workers_, shedders_;
  prometheus::Counter* shed_;
};

// Debian's cpp-httplib is a compiled library that listens with a backlog of five (its
// CPPHTTPLIB_LISTEN_BACKLOG was fixed when it was built): of more clients connecting at
// once, the rest have their SYNs dropped and try again a second later. This finds the
// process's socket listening on `port` and listens on it again with the kernel's limit
// (net.core.somaxconn), after bind and before the first accept.
void WidenListenBacklog(int port);

}  // namespace gateway
