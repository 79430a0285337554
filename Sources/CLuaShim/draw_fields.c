/* weft_draw_read_fields: see include/draw_fields.h. */
#include "draw_fields.h"
#include <string.h>

#define NAME_IS(p, n, lit) ((n) == sizeof(lit) - 1 && memcmp((p), (lit), (n)) == 0)

/* The bit of the field named by the n bytes at p, or 0. */
static unsigned field_bit(const char *p, size_t n) {
    switch (n) {
    case 2: return NAME_IS(p, n, "hl") ? WEFT_DRAW_HL : 0;
    case 3: return NAME_IS(p, n, "row") ? WEFT_DRAW_ROW : NAME_IS(p, n, "col") ? WEFT_DRAW_COL : 0;
    case 4:
        return NAME_IS(p, n, "kind") ? WEFT_DRAW_KIND
             : NAME_IS(p, n, "text") ? WEFT_DRAW_TEXT
             : NAME_IS(p, n, "char") ? WEFT_DRAW_CHAR : 0;
    case 5: return NAME_IS(p, n, "width") ? WEFT_DRAW_WIDTH : 0;
    case 6: return NAME_IS(p, n, "height") ? WEFT_DRAW_HEIGHT : 0;
    default: return 0;
    }
}

static int kind_of(const char *p, size_t n) {
    if (NAME_IS(p, n, "text")) return WEFT_DRAW_OP_TEXT;
    if (NAME_IS(p, n, "fill")) return WEFT_DRAW_OP_FILL;
    if (NAME_IS(p, n, "clear")) return WEFT_DRAW_OP_CLEAR;
    if (NAME_IS(p, n, "cursor")) return WEFT_DRAW_OP_CURSOR;
    return -1;
}

/* Stores the value on top of the stack as field `bit`; 0 when its type is
 * not the field's. */
static int store(lua_State *L, unsigned bit, weft_draw_fields *out) {
    if (bit & (WEFT_DRAW_KIND | WEFT_DRAW_TEXT | WEFT_DRAW_CHAR | WEFT_DRAW_HL)) {
        if (lua_type(L, -1) != LUA_TSTRING) return 0;
        size_t n;
        const char *p = lua_tolstring(L, -1, &n);
        switch (bit) {
        case WEFT_DRAW_KIND: out->kind = kind_of(p, n); return out->kind >= 0;
        case WEFT_DRAW_TEXT: out->text.bytes = p; out->text.length = n; return 1;
        case WEFT_DRAW_CHAR: out->chr.bytes = p; out->chr.length = n; return 1;
        default: out->hl.bytes = p; out->hl.length = n; return 1;
        }
    }
    if (!lua_isinteger(L, -1)) return 0;
    lua_Integer v = lua_tointegerx(L, -1, NULL);
    switch (bit) {
    case WEFT_DRAW_ROW: out->row = v; break;
    case WEFT_DRAW_COL: out->col = v; break;
    case WEFT_DRAW_WIDTH: out->width = v; break;
    default: out->height = v; break;
    }
    return 1;
}

int weft_draw_read_fields(lua_State *L, int t, weft_draw_fields *out) {
    memset(out, 0, sizeof *out);
    out->kind = -1;
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        /* A key that is not a string is never converted (lua_tolstring on
         * a number key would confuse lua_next). */
        unsigned bit = 0;
        if (lua_type(L, -2) == LUA_TSTRING) {
            size_t n;
            const char *p = lua_tolstring(L, -2, &n);
            bit = field_bit(p, n);
        }
        if (bit == 0 || !store(L, bit, out)) {
            lua_pop(L, 2);
            return 0;
        }
        out->mask |= bit;
        lua_pop(L, 1);
    }
    return 1;
}

int weft_draw_is_list(lua_State *L, int t, lua_Integer n) {
    lua_Integer count = 0;
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        lua_pop(L, 1);
        if (!lua_isinteger(L, -1)) { lua_pop(L, 1); return 0; }
        lua_Integer k = lua_tointegerx(L, -1, NULL);
        count++;
        if (k < 1 || k > n || count > n) { lua_pop(L, 1); return 0; }
    }
    return count == n;
}
