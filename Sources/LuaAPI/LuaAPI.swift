import Kernel
import Render

/// LuaAPI: the Lua 5.4 host and the `weft` module.
public enum LuaAPIModule {}
