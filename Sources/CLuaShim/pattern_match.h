/* weft's Lua 5.4 pattern matcher (internal to CLuaShim).
 *
 * The semantics are those of the Lua 5.4 reference manual, section 6.4.1
 * (and what the system library does where the manual is silent: error
 * wording, the depth limit). Unlike the library, the matcher looks at the
 * time budget every PM_TICKS steps, so a backtracking pattern on a large
 * subject is aborted like any Lua loop.
 *
 * A match attempt works on one subject and one pattern, both Lua strings
 * (so a NUL byte follows each end). Captures are recorded as a start and a
 * length; an open capture has length PM_CAP_OPEN, a position capture "()"
 * has length PM_CAP_POSITION. */
#ifndef WEFT_PATTERN_MATCH_H
#define WEFT_PATTERN_MATCH_H

#include "CLuaShim.h"
#include <stddef.h>

/* Same limits as the system library: 32 captures, 200 nested matches. */
#define PM_MAX_CAPTURES 32
#define PM_MAX_DEPTH 200
#define PM_CAP_OPEN (-1)
#define PM_CAP_POSITION (-2)
/* Matcher steps between two looks at the budget clock. */
#define PM_TICKS 4096

typedef struct {
  const char *start;
  ptrdiff_t len;
} pm_capture;

typedef struct {
  lua_State *L;
  const char *subject;
  const char *subject_end;
  const char *pattern_end;
  int depth_left;
  int level; /* captures opened so far */
  long ticks_left;
  pm_capture capture[PM_MAX_CAPTURES];
} pm_state;

/* Prepares a state for matches of a pattern ending at pattern_end against
   subject[0, len). */
void pm_init(pm_state *ms, lua_State *L, const char *subject, size_t len,
             const char *pattern_end);

/* Forgets the captures and depth of the previous attempt. */
static inline void pm_reset(pm_state *ms) {
  ms->level = 0;
  ms->depth_left = PM_MAX_DEPTH;
}

/* Matches pattern p (up to ms->pattern_end) at s. Returns the end of the
   match or NULL. Raises Lua errors for malformed patterns and when the
   budget has expired. */
const char *pm_match(pm_state *ms, const char *s, const char *p);

/* Charges `cost` steps; every PM_TICKS steps looks at the budget clock and
   raises the budget error when it has expired. */
void pm_check_budget(pm_state *ms);
static inline void pm_tick(pm_state *ms, long cost) {
  if ((ms->ticks_left -= cost) < 0) pm_check_budget(ms);
}

/* Pushes capture i of the match [s, e): the whole match when there are no
   captures and i is 0. */
void pm_push_capture(pm_state *ms, int i, const char *s, const char *e);

/* Pushes all captures (or the whole match when there are none and s is not
   NULL). Returns how many values it pushed. */
int pm_push_captures(pm_state *ms, const char *s, const char *e);

#endif
