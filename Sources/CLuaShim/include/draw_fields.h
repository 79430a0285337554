/* The fields of one `weft.ui.draw` op table, read in C.
 *
 * Extension windows send thousands of ops per frame. Walking each op table
 * with lua_next and checking every key and value from Swift cost several
 * times the walk itself (an API call per check, Swift strings, optionals);
 * this walk does the checks in C and hands Swift plain numbers and byte
 * ranges. Anything it does not accept is left to the general parser, which
 * reports the exact error. */
#ifndef WEFT_DRAW_FIELDS_H
#define WEFT_DRAW_FIELDS_H

#include <stddef.h>

#if __has_include(<lua5.4/lua.h>)
#include <lua5.4/lua.h>
#else
#include <lua.h>
#endif

/* One bit per field name (the `mask` of weft_draw_fields). */
#define WEFT_DRAW_KIND 1u
#define WEFT_DRAW_ROW 2u
#define WEFT_DRAW_COL 4u
#define WEFT_DRAW_TEXT 8u
#define WEFT_DRAW_HL 16u
#define WEFT_DRAW_WIDTH 32u
#define WEFT_DRAW_HEIGHT 64u
#define WEFT_DRAW_CHAR 128u

/* The op kinds the fast path knows (`kind`), -1 for any other name. */
#define WEFT_DRAW_OP_TEXT 0
#define WEFT_DRAW_OP_FILL 1
#define WEFT_DRAW_OP_CLEAR 2
#define WEFT_DRAW_OP_CURSOR 3

/* A string field: its bytes (owned by Lua: valid while the op table is
 * reachable from the stack) and their count. */
typedef struct {
    const char *bytes;
    size_t length;
} weft_draw_string;

typedef struct {
    unsigned mask;      /* the fields present */
    int kind;           /* WEFT_DRAW_OP_*, or -1 */
    lua_Integer row, col, width, height;
    weft_draw_string text, chr, hl;
} weft_draw_fields;

/* Reads the op table at absolute index `t` into `out`. Returns 1 when every
 * key is a field name above and every value has its field's type (strings
 * for kind, text, char and hl; integers for the rest), 0 otherwise. The
 * stack is as it was either way. Raises nothing (lua_next on a table with
 * string and integer keys does not raise). */
int weft_draw_read_fields(lua_State *L, int t, weft_draw_fields *out);

/* 1 when every key of the table at absolute index `t` is an integer in
 * 1...n and there are n of them (a list without holes or other keys), 0
 * otherwise. The stack is as it was. */
int weft_draw_is_list(lua_State *L, int t, lua_Integer n);

#endif
