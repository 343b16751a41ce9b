// Ordered parallel loop: independent tasks run on a few worker threads while their results
// are used on the calling thread in index order (e.g. the walk-forward folds of
// `qtrader train`, whose progress lines and pooled vectors must stay in fold order).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "qat/core/result.h"

namespace qat {
namespace parallel_internal {

template <typename R>
struct ResultValue {
  static_assert(sizeof(R) == 0, "a task must return qat::Result<T> or qat::Status");
};
template <typename T>
struct ResultValue<Result<T>> {
  using type = T;
};

}  // namespace parallel_internal

// Runs task(i) for every i in [0, n) on min(jobs, n) worker threads, which take the indices
// in increasing order, and hands the results to `consume` on the calling thread in index
// order: result i is consumed as soon as task i and every task before it are done, while the
// later tasks still run.
//
//   task:    Result<T> task(std::size_t i)   (or Status task(std::size_t i))
//   consume: Status consume(std::size_t i, T&& value)   (or Status consume(std::size_t i))
//
// Tasks run concurrently with each other and with `consume`, so they may share only what
// nothing writes while the loop runs; `consume` runs on the calling thread only. Neither may
// throw. With jobs == 1 (or n <= 1) no thread is started: task(i) then consume(i) run on the
// calling thread in turn, for i = 0, 1, ...
//
// Returns Ok() when every task and every consume succeeded (also when n == 0). Fails when
// jobs < 1 or a worker thread cannot be started, and otherwise with the first error in index
// order: task i's error, or consume i's error, for the smallest such i (consume j for j < i
// all succeeded, and no consume runs after it). After a failure no further task is started;
// tasks already running finish and are dropped. Every worker is joined before it returns.
template <typename Task, typename Consume>
Status ParallelForOrdered(std::size_t n, int jobs, Task&& task, Consume&& consume) {
  using R = std::invoke_result_t<Task&, std::size_t>;
  using T = typename parallel_internal::ResultValue<R>::type;
  auto consume_one = [&consume](std::size_t i, R& r) -> Status {
    if constexpr (std::is_void_v<T>) {
      return consume(i);
    } else {
      return consume(i, std::move(r.value()));
    }
  };
  if (jobs < 1) return Fail("parallel jobs must be at least 1 (got {})", jobs);
  if (jobs == 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) {
      R r = task(i);
      if (!r.ok()) return r.error();
      QAT_RETURN_IF_ERROR(consume_one(i, r));
    }
    return Ok();
  }

  std::mutex mutex;
  std::condition_variable finished;  // a slot was filled
  std::size_t next = 0;              // the next index to hand out
  bool stop = false;                 // hand out no more indices
  std::vector<std::optional<R>> slots(n);
  auto work = [&] {
    for (;;) {
      std::size_t i;
      {
        std::lock_guard lock(mutex);
        if (stop || next == n) return;
        i = next++;
      }
      R r = task(i);
      {
        std::lock_guard lock(mutex);
        if (!r.ok()) stop = true;
        slots[i].emplace(std::move(r));
      }
      finished.notify_one();
    }
  };
  auto halt = [&] {
    std::lock_guard lock(mutex);
    stop = true;
  };

  Status status = Ok();
  {
    // Declared after the state they use, so they are joined (jthread) before it goes away,
    // whichever way this block is left.
    std::vector<std::jthread> workers;
    const std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(jobs), n);
    workers.reserve(count);
    for (std::size_t w = 0; w < count; ++w) {
      // std::thread reports a failed start only by throwing; it is the one exception here.
      try {
        workers.emplace_back(work);
      } catch (const std::system_error& e) {
        halt();
        return Fail("cannot start worker thread {} of {}: {}", w + 1, count, e.what());
      }
    }
    // An index is handed out unless a task before it failed or a consume failed, so slot i is
    // always filled before the loop gets to it: the first failure ends the loop.
    for (std::size_t i = 0; i < n; ++i) {
      std::optional<R> r;
      {
        std::unique_lock lock(mutex);
        finished.wait(lock, [&] { return slots[i].has_value(); });
        r.swap(slots[i]);
      }
      if (!r->ok()) {
        status = r->error();
        break;
      }
      if (Status s = consume_one(i, *r); !s.ok()) {
        status = std::move(s);
        break;
      }
    }
    if (!status.ok()) halt();
  }
  return status;
}

}  // namespace qat
