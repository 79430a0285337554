/* The pooled Lua allocator: see include/lua_pool.h. */
#include "lua_pool.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
#define CHUNK (64 * 1024)

typedef struct chunk {
    struct chunk *next;
    /* Blocks follow, 16-byte aligned (the header is padded to 16). */
    char pad[STEP - sizeof(struct chunk *)];
} chunk;

typedef struct {
    void *free_list[CLASSES];  /* a freed block's first word links the next */
    char *cursor, *end;        /* the unused tail of the newest chunk */
    chunk *chunks;
} pool;

/* The class of a block of n bytes (1...WEFT_POOL_MAX), or -1 for malloc. */
static int class_of(size_t n) {
    return (POOL_DISABLED || n > WEFT_POOL_MAX) ? -1 : (int)((n - 1) / STEP);
}

static void *take(pool *p, size_t n) {
    int c = class_of(n);
    if (c < 0) return malloc(n);
    void *block = p->free_list[c];
    if (block) {
        p->free_list[c] = *(void **)block;
        return block;
    }
    size_t size = (size_t)(c + 1) * STEP;
    if ((size_t)(p->end - p->cursor) < size) {
        chunk *k = malloc(CHUNK);
        if (!k) return NULL;
        k->next = p->chunks;
        p->chunks = k;
        p->cursor = (char *)(k + 1);
        p->end = (char *)k + CHUNK;
    }
    block = p->cursor;
    p->cursor += size;
    return block;
}

static void give(pool *p, void *block, size_t n) {
    int c = class_of(n);
    if (c < 0) {
        free(block);
        return;
    }
    *(void **)block = p->free_list[c];
    p->free_list[c] = block;
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

void weft_pool_close(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    lua_close(L);
    pool *p = ud;
    while (p->chunks) {
        chunk *k = p->chunks;
        p->chunks = k->next;
        free(k);
    }
    free(p);
}
