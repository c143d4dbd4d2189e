// parallel_for: the build tool's one way of spreading independent items over threads (host tools only;
// the engine never starts a thread). Used by the pack writer (compressing articles) and the search index
// builder (filtering the lexicon).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace folio {
namespace tools {

// The thread count a build asks for: 0 means one a core (at least 1).
inline unsigned threads_or_cores(unsigned threads) {
  return threads ? threads : std::max(1u, std::thread::hardware_concurrency());
}

// Runs items 0 .. n-1 on up to `threads` threads (0: one a core; never more threads than items; 1 or
// n <= 1: on the calling thread only, no thread started). Each thread first calls make_worker() once,
// which returns a callable taking an item's index (so each thread has its own state: a compression
// context, a scratch buffer), then runs items in whatever order they come: an item must write only to
// its own output for the result not to depend on the thread count. done(k) runs under a lock after each
// item, k counting the items finished so far (for progress). The first exception thrown by make_worker,
// an item or done stops the other threads after their current item and is rethrown once every thread
// has joined. If the system refuses a thread, the threads already running do the work.
template <class MakeWorker, class Done>
void parallel_for(size_t n, unsigned threads, MakeWorker make_worker, Done done) {
  if (n == 0) return;
  threads = static_cast<unsigned>(std::min<size_t>(threads_or_cores(threads), n));
  std::atomic<size_t> next{0};
  std::mutex mu;  // guards finished, err and done()
  size_t finished = 0;
  std::exception_ptr err;
  auto run = [&]() {
    try {
      auto item = make_worker();
      for (size_t i = next++; i < n; i = next++) {
        item(i);
        std::lock_guard<std::mutex> g(mu);
        done(++finished);
      }
    } catch (...) {
      std::lock_guard<std::mutex> g(mu);
      if (!err) err = std::current_exception();
      next = n;  // the other threads stop after their current item
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(run);
    } catch (const std::system_error &) {
      break;
    }
  }
  run();
  for (std::thread &t : pool) t.join();
  if (err) std::rethrow_exception(err);
}

}  // namespace tools
}  // namespace folio
