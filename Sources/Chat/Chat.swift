import Kernel
import Render

/// Chat: the stock chat UI, providers, tools and sessions. Needs no Lua.
public enum ChatModule {}
