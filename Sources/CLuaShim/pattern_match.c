/* The matcher core: a backtracking matcher over pattern items, written from
 * the Lua 5.4 reference manual (section 6.4.1).
 *
 * A pattern is a sequence of items. pm_match walks it left to right with
 * a loop for items that match exactly one way (a single character class,
 * %b, %f, a back-reference) and recurses where the rest of the pattern
 * must be tried at several subject positions: after '?', '*', '+', '-',
 * and at each capture boundary (so a failed attempt can undo the
 * capture). Recursion is limited to PM_MAX_DEPTH levels ("pattern too
 * complex"), which keeps the C stack small whatever the pattern.
 *
 * Errors in a pattern are found lazily, when the matcher reaches the
 * faulty item, as the system library does: ("abc"):find("x%") is nil,
 * ("xbc"):find("x%") is an error. Every loop charges steps to the budget
 * (pm_tick), in proportion to the bytes it looks at. */
#include "pattern_match.h"
#include "budget.h"
#include <ctype.h>
#include <string.h>

#define PM_ESC '%'

void pm_init(pm_state *ms, lua_State *L, const char *subject, size_t len,
             const char *pattern_end) {
  ms->L = L;
  ms->subject = subject;
  ms->subject_end = subject + len;
  ms->pattern_end = pattern_end;
  ms->ticks_left = PM_TICKS;
  pm_reset(ms);
}

void pm_check_budget(pm_state *ms) {
  ms->ticks_left = PM_TICKS;
  if (weft_budget_expired()) weft_budget_trip(ms->L);
}

/* Whether byte c is in class %cl (cl a letter such as 'a' or 'A'); any other
   cl stands for itself. The C library's classes in the C locale, as the
   system library uses. */
static int class_has(int c, int cl) {
  int in;
  /* cl | 0x20 lower-cases ASCII letters and maps no other byte to one. */
  switch (cl | 0x20) {
    case 'a': in = isalpha(c); break;
    case 'c': in = iscntrl(c); break;
    case 'd': in = isdigit(c); break;
    case 'g': in = isgraph(c); break;
    case 'l': in = islower(c); break;
    case 'p': in = ispunct(c); break;
    case 's': in = isspace(c); break;
    case 'u': in = isupper(c); break;
    case 'w': in = isalnum(c); break;
    case 'x': in = isxdigit(c); break;
    case 'z': in = c == 0; break; /* not in the manual since 5.2, still accepted */
    default: return cl == c;
  }
  /* An upper-case class letter is the complement. */
  return (cl & 0x20) ? in != 0 : in == 0;
}

/* Whether byte c is in the set that opens at `open` ('[') and closes at
   `close` (its ']'). */
static int set_has(int c, const char *open, const char *close) {
  const char *p = open + 1;
  int member = 1; /* what to answer when c is listed */
  if (*p == '^') {
    member = 0;
    p++;
  }
  for (; p < close; p++) {
    if (*p == PM_ESC) {
      p++;
      if (class_has(c, (unsigned char)*p)) return member;
    } else if (p[1] == '-' && p + 2 < close) {
      if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return member;
      p += 2;
    } else if ((unsigned char)*p == c) {
      return member;
    }
  }
  return !member;
}

/* The end of the single-character class that starts at p: past "%x", past
   the ']' of a set, or p + 1. */
static const char *class_end(pm_state *ms, const char *p) {
  const char *end = ms->pattern_end;
  char c = *p++;
  if (c == PM_ESC) {
    if (p >= end) luaL_error(ms->L, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (c != '[') return p;
  if (p < end && *p == '^') p++;
  /* The first character after "[" or "[^" is a member even if it is ']'. */
  do {
    if (p >= end) luaL_error(ms->L, "malformed pattern (missing ']')");
    c = *p++;
    if (c == PM_ESC && p < end) p++;
  } while (p >= end || *p != ']');
  return p + 1;
}

/* Whether the subject byte at s matches the class [p, ep). */
static int single_has(pm_state *ms, const char *s, const char *p, const char *ep) {
  if (s >= ms->subject_end) return 0;
  int c = (unsigned char)*s;
  switch (*p) {
    case '.': return 1;
    case PM_ESC: return class_has(c, (unsigned char)p[1]);
    case '[': return set_has(c, p, ep - 1);
    default: return (unsigned char)*p == c;
  }
}

/* %bxy at s, with p at x: the end of the balanced run, or NULL. */
static const char *balanced_end(pm_state *ms, const char *s, const char *p) {
  if (p + 1 >= ms->pattern_end)
    luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
  if (s >= ms->subject_end || *s != p[0]) return NULL;
  char open = p[0], close = p[1];
  int depth = 1;
  while (++s < ms->subject_end) {
    pm_tick(ms, 1);
    if (*s == close) {
      if (--depth == 0) return s + 1;
    } else if (*s == open) {
      depth++;
    }
  }
  return NULL;
}

/* %1 to %9 at s: the end of the repeated capture text, or NULL. */
static const char *backref_end(pm_state *ms, const char *s, int digit) {
  int i = digit - '1';
  if (i < 0 || i >= ms->level || ms->capture[i].len == PM_CAP_OPEN)
    luaL_error(ms->L, "invalid capture index %%%d", i + 1);
  /* A position capture has a negative length: it never matches. */
  size_t len = (size_t)ms->capture[i].len;
  if ((size_t)(ms->subject_end - s) < len) return NULL;
  pm_tick(ms, (long)(len >> 8));
  return memcmp(ms->capture[i].start, s, len) == 0 ? s + len : NULL;
}

/* class* and class+ (from s, which already matched for '+'): the longest
   run first, giving back one character at a time. */
static const char *greedy(pm_state *ms, const char *s, const char *p, const char *ep) {
  ptrdiff_t n = 0;
  while (single_has(ms, s + n, p, ep)) {
    n++;
    pm_tick(ms, 1);
  }
  for (; n >= 0; n--) {
    const char *e = pm_match(ms, s + n, ep + 1);
    if (e) return e;
  }
  return NULL;
}

/* class-: the shortest run first, taking one more character at a time. */
static const char *lazy(pm_state *ms, const char *s, const char *p, const char *ep) {
  for (;;) {
    const char *e = pm_match(ms, s, ep + 1);
    if (e) return e;
    if (!single_has(ms, s, p, ep)) return NULL;
    s++;
  }
}

static const char *open_capture(pm_state *ms, const char *s, const char *p, ptrdiff_t kind) {
  if (ms->level >= PM_MAX_CAPTURES) luaL_error(ms->L, "too many captures");
  ms->capture[ms->level].start = s;
  ms->capture[ms->level].len = kind;
  ms->level++;
  const char *e = pm_match(ms, s, p);
  if (!e) ms->level--;
  return e;
}

static const char *close_capture(pm_state *ms, const char *s, const char *p) {
  int i = ms->level - 1;
  while (i >= 0 && ms->capture[i].len != PM_CAP_OPEN) i--;
  if (i < 0) luaL_error(ms->L, "invalid pattern capture");
  ms->capture[i].len = s - ms->capture[i].start;
  const char *e = pm_match(ms, s, p);
  if (!e) ms->capture[i].len = PM_CAP_OPEN;
  return e;
}

/* %f[set] at s: whether the previous byte is outside the set and the
   current one inside (the subject's ends count as byte 0). */
static int frontier_at(pm_state *ms, const char *s, const char *open, const char *after) {
  int prev = s == ms->subject ? 0 : (unsigned char)s[-1];
  int cur = s < ms->subject_end ? (unsigned char)*s : 0;
  return !set_has(prev, open, after - 1) && set_has(cur, open, after - 1);
}

/* The escapes that are items of their own (%b, %f, %1-%9) at p; sets *s to
   the new position (NULL on failure) and returns the next pattern item,
   or returns NULL when p is a plain class escape such as %d. */
static const char *escape_item(pm_state *ms, const char **s, const char *p) {
  char what = p + 1 < ms->pattern_end ? p[1] : '\0';
  if (what == 'b') {
    *s = balanced_end(ms, *s, p + 2);
    return p + 4;
  }
  if (what == 'f') {
    p += 2;
    if (p >= ms->pattern_end || *p != '[')
      luaL_error(ms->L, "missing '[' after '%%f' in pattern");
    const char *ep = class_end(ms, p);
    if (!frontier_at(ms, *s, p, ep)) *s = NULL;
    return ep;
  }
  if (isdigit((unsigned char)what)) {
    *s = backref_end(ms, *s, what);
    return p + 2;
  }
  return NULL;
}

const char *pm_match(pm_state *ms, const char *s, const char *p) {
  if (ms->depth_left == 0) luaL_error(ms->L, "pattern too complex");
  ms->depth_left--;
  pm_tick(ms, 1);
  const char *end = ms->pattern_end;
  while (p != end) {
    if (*p == '(') {
      if (p + 1 < end && p[1] == ')') s = open_capture(ms, s, p + 2, PM_CAP_POSITION);
      else s = open_capture(ms, s, p + 1, PM_CAP_OPEN);
      break;
    }
    if (*p == ')') {
      s = close_capture(ms, s, p + 1);
      break;
    }
    if (*p == '$' && p + 1 == end) {
      if (s != ms->subject_end) s = NULL;
      break;
    }
    if (*p == PM_ESC) {
      const char *next = escape_item(ms, &s, p);
      if (next) {
        if (!s) break;
        p = next;
        continue;
      }
    }
    /* A single-character class, maybe followed by a quantifier. */
    const char *ep = class_end(ms, p);
    char quant = ep < end ? *ep : '\0';
    if (!single_has(ms, s, p, ep)) {
      if (quant == '*' || quant == '?' || quant == '-') {
        p = ep + 1; /* zero repetitions are fine */
        continue;
      }
      s = NULL;
      break;
    }
    if (quant == '?') {
      const char *e = pm_match(ms, s + 1, ep + 1);
      if (e) {
        s = e;
        break;
      }
      p = ep + 1;
      continue;
    }
    if (quant == '+') { s = greedy(ms, s + 1, p, ep); break; }
    if (quant == '*') { s = greedy(ms, s, p, ep); break; }
    if (quant == '-') { s = lazy(ms, s, p, ep); break; }
    s++;
    p = ep;
  }
  ms->depth_left++;
  return s;
}

void pm_push_capture(pm_state *ms, int i, const char *s, const char *e) {
  if (i >= ms->level) {
    if (i != 0) luaL_error(ms->L, "invalid capture index %%%d", i + 1);
    lua_pushlstring(ms->L, s, (size_t)(e - s));
    return;
  }
  ptrdiff_t len = ms->capture[i].len;
  if (len == PM_CAP_OPEN) luaL_error(ms->L, "unfinished capture");
  if (len == PM_CAP_POSITION)
    lua_pushinteger(ms->L, (lua_Integer)(ms->capture[i].start - ms->subject) + 1);
  else
    lua_pushlstring(ms->L, ms->capture[i].start, (size_t)len);
}

int pm_push_captures(pm_state *ms, const char *s, const char *e) {
  int n = (ms->level == 0 && s != NULL) ? 1 : ms->level;
  luaL_checkstack(ms->L, n, "too many captures");
  for (int i = 0; i < n; i++) pm_push_capture(ms, i, s, e);
  return n;
}
