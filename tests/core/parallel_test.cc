#include "qat/core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace qat {
namespace {

using std::chrono::milliseconds;

// Waits (briefly sleeping) until `done()` holds; false after `limit`.
template <typename F>
bool WaitFor(F done, milliseconds limit = milliseconds(20000)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return true;
}

TEST(ParallelForOrdered, ConsumesInIndexOrderWhateverOrderTasksFinish) {
  for (int jobs : {1, 2, 3, 8}) {
    constexpr std::size_t kN = 40;
    std::vector<std::size_t> order;
    std::vector<std::size_t> values;
    auto status = ParallelForOrdered(
        kN, jobs,
        [](std::size_t i) -> Result<std::size_t> {
          // Early indices take longest, so later ones finish first.
          std::this_thread::sleep_for(std::chrono::microseconds(200 * (kN - i) % 3000));
          return i * i;
        },
        [&](std::size_t i, std::size_t v) -> Status {
          order.push_back(i);
          values.push_back(v);
          return Ok();
        });
    ASSERT_TRUE(status.ok()) << status.error().message;
    ASSERT_EQ(order.size(), kN) << "jobs " << jobs;
    for (std::size_t i = 0; i < kN; ++i) {
      EXPECT_EQ(order[i], i) << "jobs " << jobs;
      EXPECT_EQ(values[i], i * i) << "jobs " << jobs;
    }
  }
}

TEST(ParallelForOrdered, RunsEveryTaskExactlyOnce) {
  constexpr std::size_t kN = 500;
  for (int jobs : {1, 2, 5}) {
    std::vector<std::atomic<int>> runs(kN);
    std::size_t consumed = 0;
    auto status = ParallelForOrdered(
        kN, jobs,
        [&](std::size_t i) -> Status {
          runs[i].fetch_add(1);
          return Ok();
        },
        [&](std::size_t) -> Status {
          ++consumed;
          return Ok();
        });
    ASSERT_TRUE(status.ok()) << status.error().message;
    EXPECT_EQ(consumed, kN);
    for (std::size_t i = 0; i < kN; ++i) EXPECT_EQ(runs[i].load(), 1) << "index " << i << ", jobs " << jobs;
  }
}

TEST(ParallelForOrdered, TasksRunAtTheSameTimeWithTwoJobs) {
  // Task 0 and task 1 each wait for the other to have started: only possible in parallel.
  std::atomic<int> started{0};
  auto status = ParallelForOrdered(
      2, 2,
      [&](std::size_t i) -> Result<int> {
        started.fetch_add(1);
        if (!WaitFor([&] { return started.load() == 2; })) return Fail("task {} ran alone", i);
        return static_cast<int>(i);
      },
      [](std::size_t, int) -> Status { return Ok(); });
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(ParallelForOrdered, ConsumesWhileLaterTasksStillRun) {
  // The last task finishes only after result 0 was consumed: consumption does not wait for
  // the whole loop.
  std::atomic<bool> consumed_first{false};
  auto status = ParallelForOrdered(
      3, 2,
      [&](std::size_t i) -> Status {
        if (i == 2 && !WaitFor([&] { return consumed_first.load(); })) {
          return Fail("result 0 was not consumed while task 2 ran");
        }
        return Ok();
      },
      [&](std::size_t i) -> Status {
        if (i == 0) consumed_first = true;
        return Ok();
      });
  EXPECT_TRUE(status.ok()) << status.error().message;
}

TEST(ParallelForOrdered, ReturnsTheFirstErrorInIndexOrder) {
  // Task 5 fails at once, task 3 fails later: the error reported is task 3's, and only the
  // results before it are consumed.
  for (int jobs : {1, 2, 4}) {
    std::vector<std::size_t> consumed;
    auto status = ParallelForOrdered(
        8, jobs,
        [](std::size_t i) -> Result<std::size_t> {
          if (i == 3) {
            std::this_thread::sleep_for(milliseconds(30));
            return Fail("task {} failed", i);
          }
          if (i == 5) return Fail("task {} failed", i);
          return i;
        },
        [&](std::size_t i, std::size_t) -> Status {
          consumed.push_back(i);
          return Ok();
        });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().message, "task 3 failed") << "jobs " << jobs;
    EXPECT_EQ(consumed, (std::vector<std::size_t>{0, 1, 2})) << "jobs " << jobs;
  }
}

TEST(ParallelForOrdered, StopsHandingOutTasksAfterAFailure) {
  // Task 1 fails at once while task 0 (and so the consumer) is still busy for 300 ms: the
  // other workers must not go on through the 1 ms tasks after it meanwhile.
  constexpr std::size_t kN = 2000;
  for (int jobs : {1, 2, 3}) {
    std::atomic<std::size_t> started{0};
    auto status = ParallelForOrdered(
        kN, jobs,
        [&](std::size_t i) -> Status {
          started.fetch_add(1);
          if (i == 0) std::this_thread::sleep_for(milliseconds(300));
          if (i == 1) return Fail("task 1 failed");
          std::this_thread::sleep_for(milliseconds(1));
          return Ok();
        },
        [](std::size_t) -> Status { return Ok(); });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().message, "task 1 failed");
    EXPECT_GE(started.load(), 2u);
    EXPECT_LT(started.load(), 100u) << "jobs " << jobs;
    if (jobs == 1) {
      EXPECT_EQ(started.load(), 2u);
    }
  }
}

TEST(ParallelForOrdered, ConsumerErrorStopsTheLoop) {
  constexpr std::size_t kN = 2000;
  for (int jobs : {1, 2}) {
    std::atomic<std::size_t> started{0};
    std::vector<std::size_t> consumed;
    auto status = ParallelForOrdered(
        kN, jobs,
        [&](std::size_t i) -> Result<std::size_t> {
          started.fetch_add(1);
          std::this_thread::sleep_for(milliseconds(1));
          return i;
        },
        [&](std::size_t i, std::size_t) -> Status {
          consumed.push_back(i);
          if (i == 2) return Fail("consumer refused {}", i);
          return Ok();
        });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().message, "consumer refused 2");
    EXPECT_EQ(consumed, (std::vector<std::size_t>{0, 1, 2})) << "jobs " << jobs;
    EXPECT_LT(started.load(), kN) << "jobs " << jobs;
    if (jobs == 1) {
      EXPECT_EQ(started.load(), 3u);
    }
  }
}

TEST(ParallelForOrdered, MoreJobsThanTasksStartsOneThreadPerTask) {
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::vector<std::size_t> order;
  auto status = ParallelForOrdered(
      3, 16,
      [&](std::size_t i) -> Result<std::unique_ptr<std::size_t>> {  // move-only values work
        std::lock_guard lock(mutex);
        threads.insert(std::this_thread::get_id());
        return std::make_unique<std::size_t>(i);
      },
      [&](std::size_t i, std::unique_ptr<std::size_t> v) -> Status {
        EXPECT_EQ(*v, i);
        order.push_back(i);
        return Ok();
      });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_GE(threads.size(), 1u);
  EXPECT_LE(threads.size(), 3u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u);  // workers, not the caller
}

TEST(ParallelForOrdered, OneJobRunsEachTaskThenItsConsumerOnTheCallingThread) {
  const auto caller = std::this_thread::get_id();
  std::vector<std::string> events;
  auto status = ParallelForOrdered(
      3, 1,
      [&](std::size_t i) -> Result<std::size_t> {
        events.push_back("task " + std::to_string(i) + (std::this_thread::get_id() == caller ? "" : " elsewhere"));
        return i;
      },
      [&](std::size_t i, std::size_t) -> Status {
        events.push_back("consume " + std::to_string(i));
        return Ok();
      });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(events, (std::vector<std::string>{"task 0", "consume 0", "task 1", "consume 1", "task 2", "consume 2"}));
}

TEST(ParallelForOrdered, NoTasksIsSuccessAndCallsNothing) {
  for (int jobs : {1, 2}) {
    int calls = 0;
    auto status = ParallelForOrdered(
        0, jobs,
        [&](std::size_t) -> Status {
          ++calls;
          return Ok();
        },
        [&](std::size_t) -> Status {
          ++calls;
          return Ok();
        });
    EXPECT_TRUE(status.ok());
    EXPECT_EQ(calls, 0);
  }
}

TEST(ParallelForOrdered, RefusesFewerThanOneJob) {
  int calls = 0;
  auto status = ParallelForOrdered(
      4, 0,
      [&](std::size_t) -> Status {
        ++calls;
        return Ok();
      },
      [](std::size_t) -> Status { return Ok(); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "parallel jobs must be at least 1 (got 0)");
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace qat
