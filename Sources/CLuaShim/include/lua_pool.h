/* A Lua state whose small blocks come from per-size free lists.
 *
 * Lua allocates and frees a table, its hash part and each new string one
 * by one; a loop that builds thousands of small tables per frame (an
 * extension window's draw ops) spent more in malloc and free than in
 * reading the tables. Blocks up to WEFT_POOL_MAX bytes, in 16-byte size
 * classes, are carved from 64 KiB chunks mapped with mmap, one class per
 * chunk, and go back to their chunk's free list when Lua frees them;
 * larger blocks go to malloc. A chunk whose blocks are all free is kept
 * for reuse while there are no more empty chunks than chunks in use (plus
 * a few), and unmapped otherwise: after a big table is collected the
 * memory goes back to the system, while a loop that allocates and
 * collects the same amount again and again keeps its chunks.
 *
 * Under AddressSanitizer every block goes to malloc, so the sanitizer
 * still sees each use after free. */
#ifndef WEFT_LUA_POOL_H
#define WEFT_LUA_POOL_H

#include <stddef.h>

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

/* The number of chunks the state's pool holds (in use or kept empty). */
size_t weft_pool_chunks(lua_State *L);

/* How many of them are empty, kept for reuse. */
size_t weft_pool_empty_chunks(lua_State *L);

/* How many chunks the state's pool has given back to the system so far. */
size_t weft_pool_unmapped(lua_State *L);

/* Unmaps every empty chunk the state's pool keeps for reuse. */
void weft_pool_trim(lua_State *L);

/* Replaces the global collectgarbage (after luaL_openlibs) by one that,
 * after a full collection ("collect", the default), also unmaps the
 * pool's empty chunks and calls malloc_trim(0): a script that asks for a
 * full collection gets the freed memory back to the system, not kept for
 * reuse. Other options are passed through unchanged. */
void weft_pool_install_collect(lua_State *L);

/* Closes a state made by weft_pool_newstate and frees its pool. */
void weft_pool_close(lua_State *L);

#endif
