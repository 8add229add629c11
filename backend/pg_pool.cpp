#include "backend/pg_pool.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/str_cat.hpp"

namespace switchyard::backend {

namespace {
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);
}

pooled_connection::pooled_connection(pooled_connection&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), slot_(other.slot_), conn_(std::exchange(other.conn_, nullptr)) {}

pooled_connection& pooled_connection::operator=(pooled_connection&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::exchange(other.pool_, nullptr);
    slot_ = other.slot_;
    conn_ = std::exchange(other.conn_, nullptr);
  }
  return *this;
}

void pooled_connection::release() {
  if (pool_ != nullptr) std::exchange(pool_, nullptr)->give_back(slot_);
  conn_ = nullptr;
}

pg_pool::pg_pool(asio::any_io_executor executor, pool_options options, metrics& counters)
    : executor_(executor), options_(std::move(options)), metrics_(counters), jitter_(options_.jitter_seed) {
  slots_.resize(std::max<std::size_t>(1, options_.size));
  for (slot& s : slots_) s.conn = std::make_unique<pg_connection>(executor_, metrics_, options_.connection);
}

pg_pool::~pg_pool() { close(); }

std::size_t pg_pool::open_count() const {
  return static_cast<std::size_t>(std::count_if(slots_.begin(), slots_.end(), [](const slot& s) {
    return s.state == slot_state::idle || s.state == slot_state::in_use;
  }));
}

std::size_t pg_pool::in_use_count() const {
  return static_cast<std::size_t>(
      std::count_if(slots_.begin(), slots_.end(), [](const slot& s) { return s.state == slot_state::in_use; }));
}

void pg_pool::close() {
  closed_ = true;
  for (slot& s : slots_)
    if (s.state == slot_state::idle) close_slot(s);
  wake_all();
}

void pg_pool::close_slot(slot& s) {
  s.conn->close();
  s.state = slot_state::empty;
  metrics::add(metrics_.pg_pool_open, -1);
}

acquired pg_pool::lend(std::size_t index) {
  slots_[index].state = slot_state::in_use;
  metrics::add(metrics_.pg_pool_in_use);
  acquired out;
  out.connection = pooled_connection(this, index, slots_[index].conn.get());
  return out;
}

void pg_pool::give_back(std::size_t index) {
  slot& s = slots_[index];
  metrics::add(metrics_.pg_pool_in_use, -1);
  s.state = slot_state::idle;
  // Broken, mid-transaction or still running: closing is the only safe reset.
  if (closed_ || !s.conn->connected() || s.conn->in_transaction() || s.conn->busy()) close_slot(s);
  wake_one();
}

void pg_pool::wake_one() {
  if (waiters_.empty()) return;
  waiter* w = waiters_.front();
  waiters_.pop_front();
  w->woken = true;
  w->timer->cancel();
}

void pg_pool::wake_all() {
  while (!waiters_.empty()) wake_one();
}

void pg_pool::mark_up() {
  health_.consecutive_failures = 0;
  health_.last_error.clear();
  if (health_.state != health_state::up) {
    health_.state = health_state::up;
    health_.since = clock::now();
    health_.since_wall = std::chrono::system_clock::now();
  }
}

void pg_pool::mark_down(const pg_error& error) {
  ++health_.consecutive_failures;
  health_.last_error = error.describe();
  health_.next_attempt = clock::now() + backoff_delay(options_.backoff, health_.consecutive_failures, jitter_.next());
  if (health_.state != health_state::down) {
    health_.state = health_state::down;
    health_.since = clock::now();
    health_.since_wall = std::chrono::system_clock::now();
  }
}

asio::awaitable<acquired> pg_pool::acquire(clock::time_point deadline) {
  acquired out;
  try {
    out = co_await acquire_unguarded(deadline);
  } catch (const std::exception& e) {  // bad_alloc and the like: still an error value
    out = acquired{{pg_errc::internal, {}, str_cat("pool acquire: ", e.what())}, {}};
  }
  co_return out;
}

asio::awaitable<acquired> pg_pool::acquire_unguarded(clock::time_point deadline) {
  for (;;) {
    if (closed_) co_return acquired{{pg_errc::pool_closed, {}, "the PostgreSQL pool is closed"}, {}};
    std::optional<std::size_t> empty;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      slot& s = slots_[i];
      if (s.state == slot_state::idle) {
        if (s.conn->check_alive()) co_return lend(i);
        s.state = slot_state::empty;  // the server closed it while idle; check_alive closed ours
        metrics::add(metrics_.pg_pool_open, -1);
      }
      if (s.state == slot_state::empty && !empty) empty = i;
    }
    if (empty) {
      const bool down = health_.state == health_state::down;
      if (!down || connecting_ == 0) {
        const clock::time_point now = clock::now();
        if (down && now < health_.next_attempt) {
          metrics::add(metrics_.pg_pool_unavailable);
          const auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(health_.next_attempt - now).count();
          co_return acquired{{pg_errc::pool_unavailable, {},
                              str_cat("PostgreSQL is unreachable (", health_.last_error, "); next attempt in ", wait_ms, " ms")},
                             {}};
        }
        acquired opened = co_await open_slot(*empty, deadline);
        co_return opened;
      }
      // Down, and another acquire is probing: wait for its outcome rather than pile on.
    }
    const bool woken = co_await wait_for_release(deadline);
    if (!woken) {
      metrics::add(metrics_.pg_pool_acquire_timeouts);
      co_return acquired{{pg_errc::pool_timeout, {},
                          str_cat("no PostgreSQL connection free in time (pool size ", slots_.size(), ")")},
                         {}};
    }
  }
}

asio::awaitable<acquired> pg_pool::open_slot(std::size_t index, clock::time_point deadline) {
  slot& s = slots_[index];
  s.state = slot_state::connecting;
  ++connecting_;
  const clock::time_point own_limit = clock::now() + options_.connect_timeout;
  const pg_error error = co_await s.conn->connect(options_.conninfo, std::min(deadline, own_limit));
  --connecting_;
  if (!error.ok()) {
    s.state = slot_state::empty;
    // The caller's deadline cutting a connect short says nothing about PostgreSQL's health.
    const bool callers_deadline = error.code == pg_errc::timeout && deadline < own_limit;
    if (!callers_deadline) mark_down(error);
    wake_all();  // waiters learn the outcome now instead of at their deadlines
    co_return acquired{error, {}};
  }
  metrics::add(metrics_.pg_pool_open);
  if (closed_) {
    close_slot(s);
    co_return acquired{{pg_errc::pool_closed, {}, "the PostgreSQL pool is closed"}, {}};
  }
  if (s.ever_connected) metrics::add(metrics_.pg_reconnects);
  s.ever_connected = true;
  const bool was_down = health_.state == health_state::down;
  mark_up();
  // Waiters held back while PostgreSQL was down may now open the other empty slots.
  if (was_down) wake_all();
  co_return lend(index);
}

asio::awaitable<bool> pg_pool::wait_for_release(clock::time_point deadline) {
  asio::steady_timer timer(executor_, deadline);
  waiter w{&timer};
  waiters_.push_back(&w);
  // wake_one() removes a waiter it wakes; any other exit (the deadline, or this coroutine being
  // destroyed with its io_context) must unlink it here, or the list keeps a dangling pointer.
  struct unlink {
    std::list<waiter*>& list;
    std::list<waiter*>::iterator it;
    const waiter& w;
    ~unlink() {
      if (!w.woken) list.erase(it);
    }
  } guard{waiters_, std::prev(waiters_.end()), w};
  (void)co_await timer.async_wait(use_nothrow);
  co_return w.woken;  // true even if the deadline passed in the same instant: a connection is free
}

}  // namespace switchyard::backend
