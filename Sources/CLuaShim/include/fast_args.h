/* Argument readers for the hottest bindings (buf.get_lines, extmark.set):
 * the happy path of several arguments in one call from Swift, each read
 * with the fewest calls into Lua. They never raise and never convert: on
 * anything unexpected they report failure and the binding reads the same
 * arguments again through LuaCall, which produces the exact error (or
 * accepts a shape these do not take, e.g. a float with an integer value). */
#ifndef WEFT_FAST_ARGS_H
#define WEFT_FAST_ARGS_H

#include <stddef.h>

#if __has_include(<lua5.4/lua.h>)
#include <lua5.4/lua.h>
#else
#include <lua.h>
#endif

/* Reads arguments first ... first + n - 1, which must all be integers
 * (Lua's integer subtype), into out. Returns 1, or 0 when one is not
 * (out is then partly written). */
int weft_int_args(lua_State *L, int first, int n, lua_Integer *out);

/* Fields of weft.extmark.set's option table (bits of `present`). */
static const unsigned WEFT_XO_HL = 1u << 0;
static const unsigned WEFT_XO_ID = 1u << 1;
static const unsigned WEFT_XO_END_ROW = 1u << 2;
static const unsigned WEFT_XO_END_COL = 1u << 3;
static const unsigned WEFT_XO_PRIORITY = 1u << 4;
static const unsigned WEFT_XO_LINE_HL = 1u << 5;
static const unsigned WEFT_XO_URL = 1u << 6;
static const unsigned WEFT_XO_RIGHT_GRAVITY = 1u << 7;
static const unsigned WEFT_XO_END_RIGHT_GRAVITY = 1u << 8;
static const unsigned WEFT_XO_NO_WRAP = 1u << 9;
static const unsigned WEFT_XO_VIRT_LINES_ABOVE = 1u << 10;

/* The scalar options of one weft.extmark.set call. The strings point into
 * Lua strings held by the option table (valid while it is on the stack
 * and not modified). */
typedef struct {
  unsigned present;
  const char *hl;
  size_t hl_len;
  const char *line_hl;
  size_t line_hl_len;
  const char *url;
  size_t url_len;
  lua_Integer id, end_row, end_col, priority;
  int right_gravity, end_right_gravity, no_wrap, virt_lines_above;
} weft_extmark_opts;

/* Reads the option table at index t (a table: the caller checked) into
 * out. Returns 1 when every key is one of the scalar options with a value
 * of its exact type (string, integer, boolean), 0 for anything else
 * (virtual text, an unknown key, a float, a wrong type), which the
 * general reader then accepts or rejects with its message. */
int weft_extmark_opts_read(lua_State *L, int t, weft_extmark_opts *out);

#endif
