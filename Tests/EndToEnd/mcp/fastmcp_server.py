"""A real MCP server for weft's end-to-end tests: the Python SDK's FastMCP.

Usage: python fastmcp_server.py stdio
       python fastmcp_server.py http PORT
Tools: add(a, b), echo(text), fail(), crash() (the process dies mid-call),
grow() (adds a tool "extra" and says the tool list changed), slow() (takes
30 s unless cancelled; writes "cancelled" to $WEFT_MCP_LOG when it is).
"""
import os
import sys

import anyio

from mcp.server.fastmcp import Context, FastMCP

port = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "http" else 8000
server = FastMCP("weft-test", host="127.0.0.1", port=port, log_level="WARNING")


@server.tool()
def add(a: int, b: int) -> str:
    """Adds two integers."""
    return f"sum={a + b}"


@server.tool()
def echo(text: str) -> str:
    """Returns the text it was given, with the server's environment marker."""
    return f"echo: {text} (marker={os.environ.get('WEFT_MCP_MARKER', '-')})"


@server.tool()
def fail() -> str:
    """Always fails."""
    raise ValueError("this tool always fails")


@server.tool()
def crash() -> str:
    """Kills the server process in the middle of the call."""
    sys.stderr.write("crashing on purpose\n")
    sys.stderr.flush()
    os._exit(3)


@server.tool()
async def slow() -> str:
    """Takes 30 seconds."""
    try:
        await anyio.sleep(30)
    except anyio.get_cancelled_exc_class():
        log = os.environ.get("WEFT_MCP_LOG")
        if log:
            with open(log, "a") as f:
                f.write("cancelled\n")
        raise
    return "slept"


@server.tool()
async def grow(ctx: Context) -> str:
    """Adds the tool extra() and notifies the client that the tools changed."""
    def extra() -> str:
        return "extra tool here"
    server.add_tool(extra, name="extra", description="A tool added at run time.")
    await ctx.session.send_tool_list_changed()
    return "grew"


if __name__ == "__main__":
    transport = sys.argv[1] if len(sys.argv) > 1 else "stdio"
    server.run(transport="streamable-http" if transport == "http" else "stdio")
