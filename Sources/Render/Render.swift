@_exported import Kernel

/// Render: measuring, wrapping, viewports, the screen grid, the compositor,
/// the diff encoder and terminal I/O. Draws the kernel model; never owns it.
public enum RenderModule {}
