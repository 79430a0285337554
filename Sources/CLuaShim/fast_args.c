#include "fast_args.h"
#include <string.h>

int weft_int_args(lua_State *L, int first, int n, lua_Integer *out) {
  for (int k = 0; k < n; k++) {
    int isnum = 0;
    if (!lua_isinteger(L, first + k)) return 0;
    out[k] = lua_tointegerx(L, first + k, &isnum);
  }
  return 1;
}

static int read_string(lua_State *L, const char **s, size_t *len) {
  if (lua_type(L, -1) != LUA_TSTRING) return 0;
  *s = lua_tolstring(L, -1, len);
  return 1;
}

static int read_int(lua_State *L, lua_Integer *v) {
  if (!lua_isinteger(L, -1)) return 0;
  *v = lua_tointegerx(L, -1, NULL);
  return 1;
}

static int read_bool(lua_State *L, int *v) {
  if (lua_type(L, -1) != LUA_TBOOLEAN) return 0;
  *v = lua_toboolean(L, -1);
  return 1;
}

#define KEY(name) (len == sizeof(name) - 1 && memcmp(k, name, len) == 0)

/* Stores the value at -1 under the key at -2; 0 for a key or value this
 * reader does not take. */
static int store(lua_State *L, weft_extmark_opts *o) {
  if (lua_type(L, -2) != LUA_TSTRING) return 0;
  size_t len = 0;
  const char *k = lua_tolstring(L, -2, &len);
  unsigned bit;
  int ok;
  switch (len) {
  case 2:
    if (KEY("hl")) { bit = WEFT_XO_HL; ok = read_string(L, &o->hl, &o->hl_len); }
    else if (KEY("id")) { bit = WEFT_XO_ID; ok = read_int(L, &o->id); }
    else return 0;
    break;
  case 3:
    if (KEY("url")) { bit = WEFT_XO_URL; ok = read_string(L, &o->url, &o->url_len); }
    else return 0;
    break;
  case 7:
    if (KEY("end_col")) { bit = WEFT_XO_END_COL; ok = read_int(L, &o->end_col); }
    else if (KEY("end_row")) { bit = WEFT_XO_END_ROW; ok = read_int(L, &o->end_row); }
    else if (KEY("line_hl")) { bit = WEFT_XO_LINE_HL; ok = read_string(L, &o->line_hl, &o->line_hl_len); }
    else if (KEY("no_wrap")) { bit = WEFT_XO_NO_WRAP; ok = read_bool(L, &o->no_wrap); }
    else return 0;
    break;
  case 8:
    if (KEY("priority")) { bit = WEFT_XO_PRIORITY; ok = read_int(L, &o->priority); }
    else return 0;
    break;
  case 13:
    if (KEY("right_gravity")) { bit = WEFT_XO_RIGHT_GRAVITY; ok = read_bool(L, &o->right_gravity); }
    else return 0;
    break;
  case 16:
    if (KEY("virt_lines_above")) { bit = WEFT_XO_VIRT_LINES_ABOVE; ok = read_bool(L, &o->virt_lines_above); }
    else return 0;
    break;
  case 17:
    if (KEY("end_right_gravity")) { bit = WEFT_XO_END_RIGHT_GRAVITY; ok = read_bool(L, &o->end_right_gravity); }
    else return 0;
    break;
  default:
    return 0;
  }
  if (!ok) return 0;
  o->present |= bit;
  return 1;
}

int weft_extmark_opts_read(lua_State *L, int t, weft_extmark_opts *out) {
  memset(out, 0, sizeof *out);
  if (!lua_checkstack(L, 2)) return 0;
  if (t < 0) t = lua_absindex(L, t);
  lua_pushnil(L);
  while (lua_next(L, t) != 0) {
    if (!store(L, out)) {
      lua_pop(L, 2);
      return 0;
    }
    lua_pop(L, 1);
  }
  return 1;
}
