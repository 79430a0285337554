/* A Lua state whose small blocks come from per-size free lists.
 *
 * Lua allocates and frees a table, its hash part and each new string one
 * by one; a loop that builds thousands of small tables per frame (an
 * extension window's draw ops) spent more in malloc and free than in
 * reading the tables. Blocks up to WEFT_POOL_MAX bytes are carved from
 * 64 KiB chunks and kept on a free list per 16-byte size class when Lua
 * frees them; larger blocks go to malloc. The chunks are returned when the
 * state is closed (weft_pool_close), not before: the memory a state once
 * used for small objects stays with it.
 *
 * Under AddressSanitizer every block goes to malloc, so the sanitizer
 * still sees each use after free. */
#ifndef WEFT_LUA_POOL_H
#define WEFT_LUA_POOL_H

#if __has_include(<lua5.4/lua.h>)
#include <lua5.4/lua.h>
#else
#include <lua.h>
#endif

/* The largest block served from the pool. */
#define WEFT_POOL_MAX 256

/* A new state as luaL_newstate makes it (the same panic function, warnings
 * off until "@on"), with the pooled allocator; NULL when out of memory. */
lua_State *weft_pool_newstate(void);

/* Closes a state made by weft_pool_newstate and frees its pool. */
void weft_pool_close(lua_State *L);

#endif
