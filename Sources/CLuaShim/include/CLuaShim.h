// CLuaShim: Lua's function-like macros as real functions Swift can call, and
// the error trampoline that keeps longjmp away from Swift frames.
//
// Rule (see shared/TERMINAL.md): no Swift frame may be on the C stack when
// Lua raises. Swift functions exposed to Lua are called through
// weft_trampoline; they read arguments with non-raising calls only, and on
// error push a message and return WEFT_LUA_ERROR. The trampoline then raises
// from C, after the Swift frame has returned.
#ifndef WEFT_CLUASHIM_H
#define WEFT_CLUASHIM_H

#if __has_include(<lua5.4/lua.h>)
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#else
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#endif

#include "draw_fields.h"
#include "fast_args.h"
#include "lua_pool.h"

#define WEFT_LUA_ERROR (-1)
/// Returned by a Swift function that stopped because the time budget
/// expired (it checked `weft_budget_expired()` at a safe point): the
/// trampoline raises the budget error, as the hook would.
#define WEFT_BUDGET_ERROR (-2)

/// A Swift function callable from Lua. Returns the number of results, or
/// WEFT_LUA_ERROR with the error message on top of the stack.
typedef int (*weft_swift_fn)(lua_State *L, void *context);
/// Releases the context of a Swift function when Lua collects it.
typedef void (*weft_release_fn)(void *context);

/// Pushes a Lua C closure that calls `fn(L, context)` through the trampoline.
/// `release(context)` runs when the closure is garbage collected.
void weft_push_swift_function(lua_State *L, weft_swift_fn fn, void *context,
                              weft_release_fn release);

/// Calls the function below `nargs` arguments under lua_pcall with a message
/// handler that appends a traceback. Returns the lua_pcall status.
int weft_pcall_traceback(lua_State *L, int nargs, int nresults);

/// Sets up the time budget for a new state (after luaL_openlibs): the
/// main thread runs without a hook until a watchdog thread sees an armed
/// deadline pass, and coroutine.create / coroutine.wrap give each new
/// coroutine a count hook. Call once, right after creating the state.
void weft_install_budget(lua_State *L);
/// Arms (deadline > 0, monotonic ns) or disarms (0) the time budget: past
/// the deadline the main thread (stopped through the watchdog's signal), a
/// coroutine (every 1000 instructions) and every call of a Swift function
/// raise "handler exceeded its time budget".
void weft_set_budget(lua_State *L, long long deadline_ns);
/// Whether an armed budget's deadline has passed (for long Swift work that
/// checks at safe points).
int weft_budget_expired(void);
/// Replaces string.find, match, gmatch and gsub (and so the string
/// methods) with weft's own pattern matcher, which has the same semantics
/// and error messages but is stopped by the time budget. The library's
/// functions stay in the registry under "weft.string_originals" (for the
/// differential test).
void weft_install_patterns(lua_State *L);
/// Whether the last error raised was the budget hook's.
int weft_budget_tripped(lua_State *L);
void weft_clear_budget_tripped(lua_State *L);

static inline int weft_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline int weft_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void weft_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void weft_newtable(lua_State *L) { lua_newtable(L); }
static inline const char *weft_tostring(lua_State *L, int i) { return lua_tostring(L, i); }
static inline int weft_isfunction(lua_State *L, int i) { return lua_isfunction(L, i); }
static inline int weft_istable(lua_State *L, int i) { return lua_istable(L, i); }
static inline int weft_isnil(lua_State *L, int i) { return lua_isnil(L, i); }
static inline int weft_isnoneornil(lua_State *L, int i) { return lua_isnoneornil(L, i); }
static inline int weft_pcall(lua_State *L, int n, int r, int h) { return lua_pcall(L, n, r, h); }
static inline void weft_insert(lua_State *L, int i) { lua_insert(L, i); }
static inline void weft_remove(lua_State *L, int i) { lua_remove(L, i); }
static inline void weft_replace(lua_State *L, int i) { lua_replace(L, i); }
static inline lua_Integer weft_tointeger(lua_State *L, int i) { return lua_tointeger(L, i); }
static inline lua_Number weft_tonumber(lua_State *L, int i) { return lua_tonumber(L, i); }
static inline int weft_loadstring(lua_State *L, const char *s) { return luaL_loadstring(L, s); }
static inline int weft_dostring(lua_State *L, const char *s) {
  return luaL_loadstring(L, s) || lua_pcall(L, 0, LUA_MULTRET, 0);
}
static inline void weft_pushstring_len(lua_State *L, const char *s, size_t n) { lua_pushlstring(L, s, n); }
static inline int weft_gc_count_bytes(lua_State *L) {
  return lua_gc(L, LUA_GCCOUNT, 0) * 1024 + lua_gc(L, LUA_GCCOUNTB, 0);
}
static inline void weft_gc_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT, 0); }
static inline void weft_getglobal(lua_State *L, const char *n) { lua_getglobal(L, n); }
static inline void weft_setglobal(lua_State *L, const char *n) { lua_setglobal(L, n); }
static inline int weft_rawgetfield(lua_State *L, int idx, const char *k) {
  idx = lua_absindex(L, idx);
  lua_pushstring(L, k);
  return lua_rawget(L, idx);
}
static inline void weft_rawsetfield(lua_State *L, int idx, const char *k) {
  idx = lua_absindex(L, idx);
  lua_pushstring(L, k);
  lua_insert(L, -2);
  lua_rawset(L, idx);
}

#endif
