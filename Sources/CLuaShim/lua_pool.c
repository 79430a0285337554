/* The pooled Lua allocator: see include/lua_pool.h.
 *
 * Layout: a chunk is CHUNK bytes from mmap, aligned to CHUNK, so the chunk
 * of a block is its address with the low bits cleared. A chunk serves one
 * size class: a header, then blocks of that size, handed out from its free
 * list first and then from its never-used tail (`cursor`). `used` counts
 * its live blocks.
 *
 * A class keeps the chunks that have a free block in a doubly linked list
 * (`avail`); the head serves allocations, a chunk found full is unlinked
 * and is linked again (at the head) by the next free of one of its blocks.
 * A chunk whose last block is freed leaves its class: it is kept on the
 * `empty` list for any class to reuse, or unmapped when more chunks would
 * be empty than in use (plus EMPTY_SLACK). In a steady state Lua's
 * collector lets the heap grow to about twice what is live before the next
 * cycle, so the empty chunks of a sweep are about as many as the ones
 * still in use and none is unmapped; when much less is live than before
 * (a big table collected), the difference goes back to the system. */
#include "lua_pool.h"
#include "budget.h"
#if __has_include(<lua5.4/lauxlib.h>)
#include <lua5.4/lauxlib.h>
#else
#include <lauxlib.h>
#endif
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define POOL_DISABLED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_DISABLED 1
#endif
#endif
#ifndef POOL_DISABLED
#define POOL_DISABLED 0
#endif

#define STEP 16
#define CLASSES (WEFT_POOL_MAX / STEP)
#define CHUNK ((size_t)64 * 1024)
/* Empty chunks kept beyond as many as are in use. */
#define EMPTY_SLACK 4

typedef struct chunk {
    struct chunk *next, *prev;  /* in its class's avail list, or the empty list */
    void *free;                 /* a freed block's first word links the next */
    char *cursor;               /* the never-used tail starts here */
    uint32_t used;              /* live blocks */
    uint16_t size;              /* block size of the class */
    uint8_t cls;
    uint8_t listed;             /* on its class's avail list */
    char pad[8];                /* blocks start 16-byte aligned */
} chunk;

_Static_assert(sizeof(chunk) % STEP == 0, "blocks must stay 16-byte aligned");

typedef struct {
    chunk *avail[CLASSES];
    chunk *empty;     /* empty chunks, singly linked through next */
    size_t inUse;     /* chunks serving a class */
    size_t nEmpty;
    size_t unmapped;  /* chunks given back so far */
} pool;

/* The class of a block of n bytes (1...WEFT_POOL_MAX), or -1 for malloc. */
static inline int class_of(size_t n) {
    return (POOL_DISABLED || n > WEFT_POOL_MAX) ? -1 : (int)((n - 1) / STEP);
}

static inline chunk *chunk_of(void *block) {
    return (chunk *)((uintptr_t)block & ~(uintptr_t)(CHUNK - 1));
}

/* CHUNK bytes aligned to CHUNK from mmap, or NULL. New mappings usually
 * land right below the previous one, so the first try is often aligned. */
static chunk *map_aligned(void) {
    char *m = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return NULL;
    if (((uintptr_t)m & (CHUNK - 1)) == 0) return (chunk *)m;
    munmap(m, CHUNK);
    m = mmap(NULL, 2 * CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return NULL;
    char *start = (char *)(((uintptr_t)m + CHUNK - 1) & ~(uintptr_t)(CHUNK - 1));
    if (start > m) munmap(m, (size_t)(start - m));
    if (start + CHUNK < m + 2 * CHUNK) munmap(start + CHUNK, (size_t)(m + 2 * CHUNK - (start + CHUNK)));
    return (chunk *)start;
}

/* A new chunk, its pages faulted in by one call: a chunk is filled from
 * its start, so its pages would all be touched one fault at a time (16
 * faults; a fresh state's first 2,000 op tables took about 200). Where the
 * kernel has no MADV_POPULATE_WRITE (before Linux 5.14) the pages fault
 * in as before. */
static chunk *map_chunk(void) {
    chunk *k = map_aligned();
#ifdef MADV_POPULATE_WRITE
    if (k) (void)madvise(k, CHUNK, MADV_POPULATE_WRITE);
#endif
    return k;
}

static void link_avail(pool *p, chunk *k) {
    chunk *head = p->avail[k->cls];
    k->prev = NULL;
    k->next = head;
    if (head) head->prev = k;
    p->avail[k->cls] = k;
    k->listed = 1;
}

static void unlink_avail(pool *p, chunk *k) {
    if (k->prev) k->prev->next = k->next;
    else p->avail[k->cls] = k->next;
    if (k->next) k->next->prev = k->prev;
    k->listed = 0;
}

/* A chunk for class c (an empty one reused, or a new one), linked at the
 * head of the class's avail list; NULL when out of memory. */
static chunk *add_chunk(pool *p, int c) {
    chunk *k = p->empty;
    if (k) {
        p->empty = k->next;
        p->nEmpty--;
    } else if (!(k = map_chunk())) {
        return NULL;
    }
    k->free = NULL;
    k->cursor = (char *)(k + 1);
    k->used = 0;
    k->size = (uint16_t)((c + 1) * STEP);
    k->cls = (uint8_t)c;
    p->inUse++;
    link_avail(p, k);
    return k;
}

/* The slow path of take: the head chunk of class c has no free block. */
static void *take_slow(pool *p, int c) {
    for (;;) {
        chunk *k = p->avail[c];
        if (!k && !(k = add_chunk(p, c))) return NULL;
        if (k->free) {
            void *block = k->free;
            k->free = *(void **)block;
            k->used++;
            return block;
        }
        if ((size_t)((char *)k + CHUNK - k->cursor) >= k->size) {
            void *block = k->cursor;
            k->cursor += k->size;
            k->used++;
            return block;
        }
        unlink_avail(p, k);  /* full: back on the list when a block is freed */
    }
}

static inline __attribute__((always_inline)) void *take(pool *p, size_t n) {
    int c = class_of(n);
    if (c < 0) return malloc(n);
    chunk *k = p->avail[c];
    if (k) {
        void *block = k->free;
        if (block) {
            k->free = *(void **)block;
            k->used++;
            return block;
        }
        if ((size_t)((char *)k + CHUNK - k->cursor) >= k->size) {
            block = k->cursor;
            k->cursor += k->size;
            k->used++;
            return block;
        }
    }
    return take_slow(p, c);
}

static void unmap_chunk(pool *p, chunk *k) {
    munmap(k, CHUNK);
    p->unmapped++;
}

/* k's last block was freed: it is kept with the empty chunks while they
 * are no more than the chunks in use plus EMPTY_SLACK, else unmapped.
 * Each retire lowers the in-use count by one, so at most one kept chunk
 * has to go as well to keep that bound: O(1). */
static void retire(pool *p, chunk *k) {
    unlink_avail(p, k);
    p->inUse--;
    if (p->nEmpty > p->inUse + EMPTY_SLACK) {
        chunk *old = p->empty;
        p->empty = old->next;
        p->nEmpty--;
        unmap_chunk(p, old);
    }
    if (p->nEmpty < p->inUse + EMPTY_SLACK) {
        k->next = p->empty;
        p->empty = k;
        p->nEmpty++;
    } else {
        unmap_chunk(p, k);
    }
}

static inline __attribute__((always_inline)) void give(pool *p, void *block, size_t n) {
    if (class_of(n) < 0) {
        free(block);
        return;
    }
    chunk *k = chunk_of(block);
    *(void **)block = k->free;
    k->free = block;
    if (--k->used == 0) retire(p, k);
    else if (!k->listed) link_avail(p, k);
}

/* lua_Alloc: when ptr is NULL, osize is a type tag, not a size. */
static void *pool_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    pool *p = ud;
    if (nsize == 0) {
        if (ptr) give(p, ptr, osize);
        return NULL;
    }
    if (!ptr) return take(p, nsize);
    int oc = class_of(osize), nc = class_of(nsize);
    if (oc < 0 && nc < 0) return realloc(ptr, nsize);
    if (oc >= 0 && oc == nc) return ptr;
    void *moved = take(p, nsize);
    if (!moved) return NULL;
    memcpy(moved, ptr, osize < nsize ? osize : nsize);
    give(p, ptr, osize);
    return moved;
}

/* As lauxlib's panic function. */
static int panic(lua_State *L) {
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "error object is not a string";
    fprintf(stderr, "PANIC: unprotected error in call to Lua API (%s)\n", msg);
    fflush(stderr);
    return 0;
}

/* As lauxlib's warning functions: off until "@on", messages may come in
 * pieces (tocont), control messages start with '@'. */
static void warn_off(void *ud, const char *message, int tocont);
static void warn_on(void *ud, const char *message, int tocont);
static void warn_cont(void *ud, const char *message, int tocont);

static int warn_control(lua_State *L, const char *message, int tocont) {
    if (tocont || *(message++) != '@') return 0;
    if (strcmp(message, "off") == 0) lua_setwarnf(L, warn_off, L);
    else if (strcmp(message, "on") == 0) lua_setwarnf(L, warn_on, L);
    return 1;
}

static void warn_off(void *ud, const char *message, int tocont) {
    warn_control((lua_State *)ud, message, tocont);
}

static void warn_cont(void *ud, const char *message, int tocont) {
    lua_State *L = ud;
    fputs(message, stderr);
    fflush(stderr);
    if (tocont) {
        lua_setwarnf(L, warn_cont, L);
    } else {
        fputs("\n", stderr);
        fflush(stderr);
        lua_setwarnf(L, warn_on, L);
    }
}

static void warn_on(void *ud, const char *message, int tocont) {
    if (warn_control((lua_State *)ud, message, tocont)) return;
    fputs("Lua warning: ", stderr);
    fflush(stderr);
    warn_cont(ud, message, tocont);
}

lua_State *weft_pool_newstate(void) {
    pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    lua_State *L = lua_newstate(pool_alloc, p);
    if (!L) {
        free(p);
        return NULL;
    }
    lua_atpanic(L, panic);
    lua_setwarnf(L, warn_off, L);
    return L;
}

static pool *pool_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

size_t weft_pool_chunks(lua_State *L) {
    pool *p = pool_of(L);
    return p->inUse + p->nEmpty;
}

size_t weft_pool_empty_chunks(lua_State *L) {
    return pool_of(L)->nEmpty;
}

size_t weft_pool_unmapped(lua_State *L) {
    return pool_of(L)->unmapped;
}

void weft_pool_trim(lua_State *L) {
    pool *p = pool_of(L);
    while (p->empty) {
        chunk *k = p->empty;
        p->empty = k->next;
        p->nEmpty--;
        unmap_chunk(p, k);
    }
}

/* collectgarbage, with the memory a full collection freed given back:
 * the original (upvalue 1) is called with the same arguments, then for
 * "collect" the pool's empty chunks are unmapped and malloc trims its
 * free pages. */
static int collect_and_trim(lua_State *L) {
    const char *opt = luaL_optstring(L, 1, "collect");
    int full = strcmp(opt, "collect") == 0;
    int nargs = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, LUA_MULTRET);
    if (full) {
        weft_pool_trim(L);
        malloc_trim(0);
    }
    return lua_gettop(L);
}

void weft_pool_install_collect(lua_State *L) {
    lua_getglobal(L, "collectgarbage");
    lua_pushcclosure(L, collect_and_trim, 1);
    lua_setglobal(L, "collectgarbage");
}

void weft_pool_close(lua_State *L) {
    weft_budget_forget(L);
    void *ud = NULL;
    lua_getallocf(L, &ud);
    lua_close(L);
    pool *p = ud;
    /* lua_close freed every block, so every chunk is empty now; only the
     * ones kept for reuse are still mapped. */
    while (p->empty) {
        chunk *k = p->empty;
        p->empty = k->next;
        munmap(k, CHUNK);
    }
    free(p);
}
