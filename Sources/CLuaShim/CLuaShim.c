#include "CLuaShim.h"
#include <time.h>

typedef struct {
  weft_swift_fn fn;
  void *context;
  weft_release_fn release;
} weft_swift_closure;

static const char *CLOSURE_MT = "weft.swift_closure";
static const char *TRIPPED_KEY = "weft.budget_tripped";
static long long budget_deadline_ns = 0;

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
  int n = c->fn(L, c->context);
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

static void budget_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  /* Once the deadline has passed the hook stays armed and raises at every
     count event, so a handler that catches the error with pcall and keeps
     looping is aborted again until the protected call from the host ends
     (weft_set_budget(L, 0) disarms it). After tripping it fires at every
     instruction, so even `while true do pcall(spin) end` cannot escape: the
     first instruction after a caught abort raises again. */
  if (budget_deadline_ns > 0 && now_ns() > budget_deadline_ns) {
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, TRIPPED_KEY);
    lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
    luaL_error(L, "handler exceeded its time budget and was aborted");
  }
}

void weft_set_budget(lua_State *L, long long deadline_ns) {
  budget_deadline_ns = deadline_ns;
  if (deadline_ns > 0) lua_sethook(L, budget_hook, LUA_MASKCOUNT, 10000);
  else lua_sethook(L, NULL, 0, 0);
}

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
