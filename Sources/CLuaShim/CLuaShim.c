#include "CLuaShim.h"
#include "budget.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

typedef struct {
  weft_swift_fn fn;
  void *context;
  weft_release_fn release;
} weft_swift_closure;

static const char *CLOSURE_MT = "weft.swift_closure";
static const char *TRIPPED_KEY = "weft.budget_tripped";
static const char *BUDGET_MESSAGE = "handler exceeded its time budget and was aborted";
static _Atomic long long budget_deadline_ns = 0;
/* Instructions between two looks at the clock in a coroutine (about a
   microsecond of Lua). */
#define BUDGET_COUNT 1000

static int budget_expired(void);
static int budget_maybe_expired(void);

static int closure_gc(lua_State *L) {
  weft_swift_closure *c = (weft_swift_closure *)lua_touserdata(L, 1);
  if (c && c->release && c->context) {
    c->release(c->context);
    c->context = NULL;
  }
  return 0;
}

static int trampoline(lua_State *L) {
  weft_swift_closure *c = (weft_swift_closure *)lua_touserdata(L, lua_upvalueindex(1));
  if (!c || !c->fn) return luaL_error(L, "weft: function was released");
  /* A handler past its deadline may not start more work in Swift: a loop
     of expensive calls (ui.wrap on megabytes) is stopped at the next call,
     not after thousands of them. */
  if (budget_maybe_expired() && budget_expired()) return weft_budget_trip(L);
  int n = c->fn(L, c->context);
  /* A long Swift call saw the deadline pass at a safe point. */
  if (n == WEFT_BUDGET_ERROR) return weft_budget_trip(L);
  if (n < 0) { /* Swift frame has returned: safe to longjmp */
    luaL_where(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
    return lua_error(L);
  }
  return n;
}

void weft_push_swift_function(lua_State *L, weft_swift_fn fn, void *context,
                              weft_release_fn release) {
  weft_swift_closure *c = (weft_swift_closure *)lua_newuserdatauv(L, sizeof *c, 0);
  c->fn = fn;
  c->context = context;
  c->release = release;
  if (luaL_newmetatable(L, CLOSURE_MT)) {
    lua_pushcfunction(L, closure_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  lua_pushcclosure(L, trampoline, 1);
}

static int traceback_handler(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

int weft_pcall_traceback(lua_State *L, int nargs, int nresults) {
  int base = lua_gettop(L) - nargs;
  lua_pushcfunction(L, traceback_handler);
  lua_insert(L, base);
  int status = lua_pcall(L, nargs, nresults, base);
  lua_remove(L, base);
  return status;
}

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int budget_expired(void) {
  long long d = atomic_load_explicit(&budget_deadline_ns, memory_order_relaxed);
  return d > 0 && now_ns() > d;
}

/* How a runaway handler is stopped.
 *
 * Lua 5.4 calls its hook machinery (luaG_traceexec) before *every*
 * instruction of a thread that has a count hook, whatever the count: a
 * hook kept on the main thread for good cost 12% of a loop of short
 * binding calls. So the main thread runs without a hook, and a watchdog
 * thread waits for the armed deadline; when it passes with the budget
 * still armed, it sends BUDGET_SIGNAL to the thread that armed it, whose
 * handler sets a count-1 hook on the armed state (lua_sethook is meant to
 * be called from a signal handler; the interpreter's jumps and calls
 * re-read the trap it sets, so `while true do end` is stopped too). The
 * hook then raises the budget error (weft_budget_trip).
 *
 * Coroutines cannot be reached that way (a hook is per thread, and which
 * one is running is not known), so coroutine.create and coroutine.wrap
 * give each new thread the old count hook, which looks at the clock every
 * BUDGET_COUNT instructions; coroutine code costs what it did before.
 *
 * The deadline is one for the process (as it was): one state runs
 * handlers at a time. */
#define BUDGET_SIGNAL SIGURG  /* ignored by default: a stray one is harmless */

static lua_State *_Atomic budget_state = NULL;   /* the armed state */
static _Atomic uintptr_t budget_thread = 0;      /* the thread that armed it */
static _Atomic long long watchdog_until = 0;     /* the deadline it waits for; 0 = none */
static pthread_mutex_t watchdog_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watchdog_cond;
static pthread_once_t budget_once = PTHREAD_ONCE_INIT;
static int watchdog_started = 0;
/* Set by the watchdog when the deadline it waited for has passed, cleared
   by every arm or disarm: a hint that lets a call of a Swift function skip
   reading the clock (clock_gettime costs 35-45 ns on the development
   machine, 5-7% of a short binding call) until a deadline may have passed. A stale hint costs only
   the clock read that confirms it. Without a watchdog the clock is read on
   every call, as before. */
static _Atomic int budget_passed = 0;

static int budget_maybe_expired(void) {
  return !watchdog_started || atomic_load_explicit(&budget_passed, memory_order_relaxed);
}

static void budget_hook(lua_State *L, lua_Debug *ar);

static void budget_signal_handler(int sig) {
  (void)sig;
  int saved = errno;
  lua_State *L = atomic_load(&budget_state);
  if (L && atomic_load(&budget_thread) == (uintptr_t)pthread_self() && budget_expired())
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
  errno = saved;
}

static void *watchdog(void *arg) {
  (void)arg;
  long long signalled = 0;
  pthread_mutex_lock(&watchdog_lock);
  for (;;) {
    long long d = atomic_load(&budget_deadline_ns);
    long long until = (d > 0 && d != signalled) ? d : 0;
    /* Published before the deadline is read again: an arm that stores a
       new deadline either is seen below or sees this (and wakes us). */
    atomic_store(&watchdog_until, until);
    if (atomic_load(&budget_deadline_ns) != d) continue;
    if (until == 0) {
      pthread_cond_wait(&watchdog_cond, &watchdog_lock);
      continue;
    }
    if (now_ns() >= until) {
      atomic_store(&budget_passed, 1);
      pthread_kill((pthread_t)atomic_load(&budget_thread), BUDGET_SIGNAL);
      signalled = until;
      continue;
    }
    struct timespec ts = { (time_t)(until / 1000000000LL), (long)(until % 1000000000LL) };
    pthread_cond_timedwait(&watchdog_cond, &watchdog_lock, &ts);
  }
  return NULL;
}

static void budget_setup(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = budget_signal_handler;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(BUDGET_SIGNAL, &sa, NULL);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&watchdog_cond, &attr);
  pthread_condattr_destroy(&attr);
  /* The watchdog takes no signals (it is created with all blocked). */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pthread_t t;
  pthread_attr_t ta;
  pthread_attr_init(&ta);
  pthread_attr_setdetachstate(&ta, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&ta, 64 * 1024);
  watchdog_started = pthread_create(&t, &ta, watchdog, NULL) == 0;
  pthread_attr_destroy(&ta);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Marks the budget as tripped and raises the abort error in thread L. Once
   tripped the hook fires at every instruction of L, so even
   `while true do pcall(spin) end` cannot escape: the first instruction
   after a caught abort raises again, until the host disarms the budget. */
int weft_budget_trip(lua_State *L) {
  lua_pushboolean(L, 1);
  lua_setfield(L, LUA_REGISTRYINDEX, TRIPPED_KEY);
  lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
  return luaL_error(L, "%s", BUDGET_MESSAGE);
}

/* On a coroutine, every BUDGET_COUNT instructions; on the main thread,
   only once the watchdog's signal (or a trip) set it. Past the deadline it
   trips; otherwise it goes back to what the thread has when no budget ran
   out: nothing on the main thread, the normal count on a coroutine. */
static void budget_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  if (budget_expired()) weft_budget_trip(L);
  int main = lua_pushthread(L);
  lua_pop(L, 1);
  if (main) lua_sethook(L, NULL, 0, 0);
  else if (lua_gethookcount(L) != BUDGET_COUNT) lua_sethook(L, budget_hook, LUA_MASKCOUNT, BUDGET_COUNT);
}

/* coroutine.create and coroutine.wrap (upvalue 1: the library's), with
   the budget's count hook on the new thread. The argument is checked here
   so a bad one is reported as the library reports it. */
static void call_library_function(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, 1, 1);
}

static int co_create(lua_State *L) {
  call_library_function(L);
  lua_State *co = lua_tothread(L, -1);
  if (co) lua_sethook(co, budget_hook, LUA_MASKCOUNT, BUDGET_COUNT);
  return 1;
}

static int co_wrap(lua_State *L) {
  call_library_function(L);
  if (lua_getupvalue(L, -1, 1)) {  /* the wrapped thread */
    lua_State *co = lua_tothread(L, -1);
    if (co) lua_sethook(co, budget_hook, LUA_MASKCOUNT, BUDGET_COUNT);
    lua_pop(L, 1);
  }
  return 1;
}

static void wrap_coroutine_function(lua_State *L, const char *name, lua_CFunction f) {
  if (lua_getfield(L, -1, name) == LUA_TFUNCTION) {
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, -2, name);
  } else {
    lua_pop(L, 1);
  }
}

void weft_install_budget(lua_State *L) {
  pthread_once(&budget_once, budget_setup);
  lua_sethook(L, NULL, 0, 0);
  if (lua_getglobal(L, "coroutine") == LUA_TTABLE) {
    wrap_coroutine_function(L, "create", co_create);
    wrap_coroutine_function(L, "wrap", co_wrap);
  }
  lua_pop(L, 1);
}

void weft_set_budget(lua_State *L, long long deadline_ns) {
  /* A trip's every-instruction hook ends here. */
  lua_sethook(L, NULL, 0, 0);
  if (deadline_ns > 0) {
    /* Threads of a dispatch pool (tests run Lua on them) start with most
       signals blocked; the signal must reach the thread that runs Lua. */
    static _Thread_local int unblocked = 0;
    if (!unblocked) {
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, BUDGET_SIGNAL);
      pthread_sigmask(SIG_UNBLOCK, &set, NULL);
      unblocked = 1;
    }
    atomic_store(&budget_state, L);
    atomic_store(&budget_thread, (uintptr_t)pthread_self());
  }
  atomic_store(&budget_passed, 0);
  atomic_store(&budget_deadline_ns, deadline_ns);
  if (deadline_ns <= 0 || !watchdog_started) return;
  /* The watchdog wakes by itself at a deadline no later than this one. */
  long long until = atomic_load(&watchdog_until);
  if (until != 0 && until <= deadline_ns) return;
  pthread_mutex_lock(&watchdog_lock);
  pthread_cond_signal(&watchdog_cond);
  pthread_mutex_unlock(&watchdog_lock);
}

void weft_budget_forget(lua_State *L) {
  lua_State *expected = L;
  atomic_compare_exchange_strong(&budget_state, &expected, NULL);
}

int weft_budget_expired(void) { return budget_expired(); }

int weft_budget_tripped(lua_State *L) {
  lua_getfield(L, LUA_REGISTRYINDEX, TRIPPED_KEY);
  int t = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return t;
}

void weft_clear_budget_tripped(lua_State *L) {
  lua_pushnil(L);
  lua_setfield(L, LUA_REGISTRYINDEX, TRIPPED_KEY);
}
