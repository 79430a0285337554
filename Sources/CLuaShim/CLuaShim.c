#include "CLuaShim.h"
#include "budget.h"
#include <time.h>

typedef struct {
  weft_swift_fn fn;
  void *context;
  weft_release_fn release;
} weft_swift_closure;

static const char *CLOSURE_MT = "weft.swift_closure";
static const char *TRIPPED_KEY = "weft.budget_tripped";
static const char *BUDGET_MESSAGE = "handler exceeded its time budget and was aborted";
static long long budget_deadline_ns = 0;
/* Instructions between two looks at the clock (about a microsecond of Lua). */
#define BUDGET_COUNT 1000

static int budget_expired(void);

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
  if (budget_expired()) return weft_budget_trip(L);
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
  return budget_deadline_ns > 0 && now_ns() > budget_deadline_ns;
}

static void budget_hook(lua_State *L, lua_Debug *ar);

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

/* The hook is installed on the main thread for good (weft_install_budget),
   so every coroutine inherits it when created: code in a coroutine is
   stopped like any other. With no budget armed it only restores its
   normal count on a thread that tripped before. */
static void budget_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  if (budget_deadline_ns <= 0) {
    if (lua_gethookcount(L) != BUDGET_COUNT) lua_sethook(L, budget_hook, LUA_MASKCOUNT, BUDGET_COUNT);
    return;
  }
  if (now_ns() > budget_deadline_ns) weft_budget_trip(L);
}

void weft_install_budget(lua_State *L) {
  lua_sethook(L, budget_hook, LUA_MASKCOUNT, BUDGET_COUNT);
}

void weft_set_budget(lua_State *L, long long deadline_ns) {
  budget_deadline_ns = deadline_ns;
  lua_sethook(L, budget_hook, LUA_MASKCOUNT, BUDGET_COUNT);
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
