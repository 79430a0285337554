/* string.find, string.match, string.gmatch and string.gsub on weft's
 * pattern matcher (pattern_match.c), installed over the library's own by
 * weft_install_patterns. Arguments, results and error messages follow the
 * Lua 5.4 reference manual and the system library, which the differential
 * test in Tests/Lua/patterns_spec.lua compares them with. */
#include "pattern_match.h"
#include "budget.h"
#include <ctype.h>
#include <string.h>

static const char *ORIGINALS_KEY = "weft.string_originals";

/* A 1-based, possibly negative init argument as a 1-based position that is
   at least 1 (it may be past the end). */
static size_t start_position(lua_Integer pos, size_t len) {
  if (pos > 0) return (size_t)pos;
  if (pos == 0 || pos < -(lua_Integer)len) return 1;
  return len + (size_t)pos + 1;
}

/* Whether p has none of the characters that make a pattern special. */
static int is_plain(const char *p, size_t len) {
  for (size_t i = 0; i < len; i++) {
    switch (p[i]) {
      case '^': case '$': case '*': case '+': case '?':
      case '.': case '(': case '[': case '%': case '-':
        return 0;
    }
  }
  return 1;
}

/* The first occurrence of p[0, lp) in s[0, ls), or NULL. Each candidate
   costs budget steps in proportion to the bytes it compares. */
static const char *find_plain(pm_state *ms, const char *s, size_t ls, const char *p, size_t lp) {
  if (lp == 0) return s;
  if (lp > ls) return NULL;
  const char *last = s + (ls - lp); /* the last possible start */
  while (s <= last) {
    const char *hit = memchr(s, *p, (size_t)(last - s) + 1);
    if (!hit) return NULL;
    pm_tick(ms, 1 + (long)(lp >> 8));
    if (memcmp(hit + 1, p + 1, lp - 1) == 0) return hit;
    s = hit + 1;
  }
  return NULL;
}

/* The shared body of find (find = 1) and match (find = 0). */
static int find_or_match(lua_State *L, int find) {
  size_t ls, lp;
  const char *s = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) {
    luaL_pushfail(L);
    return 1;
  }
  pm_state ms;
  if (find && (lua_toboolean(L, 4) || is_plain(p, lp))) {
    pm_init(&ms, L, s, ls, p + lp);
    const char *hit = find_plain(&ms, s + init, ls - init, p, lp);
    if (!hit) {
      luaL_pushfail(L);
      return 1;
    }
    lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
    lua_pushinteger(L, (lua_Integer)(hit - s + lp));
    return 2;
  }
  int anchored = lp > 0 && *p == '^';
  if (anchored) {
    p++;
    lp--;
  }
  pm_init(&ms, L, s, ls, p + lp);
  const char *start = s + init;
  do {
    pm_reset(&ms);
    const char *e = pm_match(&ms, start, p);
    if (e) {
      if (!find) return pm_push_captures(&ms, start, e);
      lua_pushinteger(L, (lua_Integer)(start - s) + 1);
      lua_pushinteger(L, (lua_Integer)(e - s));
      return pm_push_captures(&ms, NULL, NULL) + 2;
    }
  } while (start++ < ms.subject_end && !anchored);
  luaL_pushfail(L);
  return 1;
}

static int str_find(lua_State *L) { return find_or_match(L, 1); }
static int str_match(lua_State *L) { return find_or_match(L, 0); }

/* The iterator's state: the matcher (the closure's upvalues keep its
   subject and pattern alive), the pattern, where the next search starts,
   and where the last match ended (an empty match there is skipped), or
   -1. */
typedef struct {
  pm_state ms;
  const char *pattern;
  size_t next;
  ptrdiff_t last_end;
} gmatch_state;

/* Upvalues: the subject, the pattern, the gmatch_state. */
static int gmatch_next(lua_State *L) {
  gmatch_state *st = (gmatch_state *)lua_touserdata(L, lua_upvalueindex(3));
  pm_state *ms = &st->ms;
  ms->L = L; /* the iterator may be called from another coroutine */
  size_t len = (size_t)(ms->subject_end - ms->subject);
  for (size_t at = st->next; at <= len; at++) {
    pm_reset(ms);
    const char *e = pm_match(ms, ms->subject + at, st->pattern);
    if (e && e - ms->subject != st->last_end) {
      st->next = (size_t)(e - ms->subject);
      st->last_end = e - ms->subject;
      return pm_push_captures(ms, ms->subject + at, e);
    }
  }
  return 0;
}

static int str_gmatch(lua_State *L) {
  size_t ls, lp;
  const char *s = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
  lua_settop(L, 2); /* the closure keeps both strings */
  gmatch_state *st = (gmatch_state *)lua_newuserdatauv(L, sizeof *st, 0);
  pm_init(&st->ms, L, s, ls, p + lp);
  st->pattern = p;
  st->next = init > ls ? ls + 1 : init;
  st->last_end = -1;
  lua_pushcclosure(L, gmatch_next, 3);
  return 1;
}

/* Appends capture i of the match [s, e) (a position capture as its
   number). */
static void add_capture(pm_state *ms, luaL_Buffer *b, int i, const char *s, const char *e) {
  if (i < ms->level && ms->capture[i].len >= 0) {
    luaL_addlstring(b, ms->capture[i].start, (size_t)ms->capture[i].len);
  } else if (i >= ms->level && i == 0) {
    luaL_addlstring(b, s, (size_t)(e - s));
  } else {
    pm_push_capture(ms, i, s, e); /* a position, or raises the error */
    luaL_addvalue(b);
  }
}

/* Appends the replacement string `repl` for the match [s, e), expanding
   %0-%9 and %%. */
static void add_template(pm_state *ms, luaL_Buffer *b, const char *s, const char *e,
                         const char *repl, size_t len) {
  lua_State *L = ms->L;
  const char *end = repl + len;
  const char *pct;
  while ((pct = memchr(repl, '%', (size_t)(end - repl))) != NULL) {
    luaL_addlstring(b, repl, (size_t)(pct - repl));
    int d = pct + 1 < end ? (unsigned char)pct[1] : 0;
    if (d == '%') {
      luaL_addchar(b, '%');
    } else if (d == '0') {
      luaL_addlstring(b, s, (size_t)(e - s));
    } else if (isdigit(d)) {
      add_capture(ms, b, d - '1', s, e);
    } else {
      luaL_error(L, "invalid use of '%c' in replacement string", '%');
    }
    repl = pct + 2;
  }
  luaL_addlstring(b, repl, (size_t)(end - repl));
}

/* Appends the replacement for the match [s, e) given by the table or
   function at index 3; false or nil keeps the match. Returns whether the
   subject changed. */
static int add_looked_up(pm_state *ms, luaL_Buffer *b, const char *s, const char *e, int kind) {
  lua_State *L = ms->L;
  if (kind == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    int n = pm_push_captures(ms, s, e);
    lua_call(L, n, 1);
  } else {
    pm_push_capture(ms, 0, s, e);
    lua_gettable(L, 3);
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    luaL_addlstring(b, s, (size_t)(e - s));
    return 0;
  }
  if (!lua_isstring(L, -1))
    return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  luaL_addvalue(b);
  return 1;
}

static int str_gsub(lua_State *L) {
  size_t ls, lp, lr = 0;
  const char *s = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  int kind = lua_type(L, 3);
  lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
  luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION ||
                   kind == LUA_TTABLE, 3, "string/function/table");
  const char *repl = kind == LUA_TNUMBER || kind == LUA_TSTRING ? lua_tolstring(L, 3, &lr) : NULL;
  int anchored = lp > 0 && *p == '^';
  if (anchored) {
    p++;
    lp--;
  }
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  pm_state ms;
  pm_init(&ms, L, s, ls, p + lp);
  const char *at = s, *last_end = NULL;
  lua_Integer n = 0;
  int changed = 0;
  while (n < max) {
    pm_reset(&ms);
    const char *e = pm_match(&ms, at, p);
    if (e && e != last_end) {
      n++;
      if (repl) {
        add_template(&ms, &b, at, e, repl, lr);
        changed = 1;
      } else {
        changed |= add_looked_up(&ms, &b, at, e, kind);
      }
      at = last_end = e;
    } else if (at < ms.subject_end) {
      luaL_addchar(&b, *at++);
    } else {
      break;
    }
    if (anchored) break;
  }
  if (changed) {
    luaL_addlstring(&b, at, (size_t)(ms.subject_end - at));
    luaL_pushresult(&b);
  } else {
    lua_pushvalue(L, 1);
  }
  lua_pushinteger(L, n);
  return 2;
}

void weft_install_patterns(lua_State *L) {
  static const luaL_Reg funcs[] = {
    {"find", str_find}, {"match", str_match}, {"gmatch", str_gmatch}, {"gsub", str_gsub},
    {NULL, NULL},
  };
  if (lua_getglobal(L, "string") != LUA_TTABLE) {
    lua_pop(L, 1);
    return;
  }
  lua_newtable(L);
  for (const luaL_Reg *f = funcs; f->name; f++) {
    lua_getfield(L, -2, f->name);
    lua_setfield(L, -2, f->name);
  }
  lua_setfield(L, LUA_REGISTRYINDEX, ORIGINALS_KEY);
  luaL_setfuncs(L, funcs, 0);
  lua_pop(L, 1);
}
