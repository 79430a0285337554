-- Read when this folder is loaded as a plugin (copied to
-- ~/.config/weft/plugins/process-host/, or `weft --plugin runtime/examples/plugins`);
-- see docs/plugins.md. A manifest only returns data.
return {
  name = "process-host",
  description = "Hosts process plugins speaking JSON lines (word_count.py)",
  requires = { bin = { "python3" } },
}
