/* The time budget's abort, for C code inside CLuaShim (internal). */
#ifndef WEFT_BUDGET_H
#define WEFT_BUDGET_H

#include "CLuaShim.h"

/* Marks the budget as tripped and raises "handler exceeded its time
   budget" in L. Never returns. Only for C code with no Swift frame on the
   stack (it longjmps). */
int weft_budget_trip(lua_State *L);

/* L is about to be closed: the watchdog's signal must not reach it. */
void weft_budget_forget(lua_State *L);

#endif
