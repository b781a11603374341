#!/usr/bin/env python3
"""Writes the app icons (RGBA PNGs, and icon.ico for Windows: the same drawing at the sizes
Windows shows, each a PNG inside the ICO) with the standard library alone: a rounded
blue tile with a white cloud-ish 'W'. Run from the repository root."""
import struct, zlib, math

def png(path, size):
    open(path, "wb").write(png_bytes(size))

def png_bytes(size):
    rows = []
    r = size * 0.22
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # rounded-rectangle mask
            dx = max(r - x, 0, x - (size - 1 - r))
            dy = max(r - y, 0, y - (size - 1 - r))
            inside = dx * dx + dy * dy <= r * r
            if not inside:
                row += bytes([0, 0, 0, 0]); continue
            u, v = x / size, y / size
            # a 'W' made of four strokes
            pts = [(0.2, 0.3), (0.35, 0.72), (0.5, 0.42), (0.65, 0.72), (0.8, 0.3)]
            d = min(seg_dist(u, v, pts[i], pts[i + 1]) for i in range(4))
            if d < 0.055:
                row += bytes([255, 255, 255, 255])
            else:
                row += bytes([1, 118, 211, 255])
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    return data

def ico(path, sizes):
    """An ICO whose images are PNGs (read by Windows Vista and later, and by tauri-build's
    resource compiler): header, one 16-byte directory entry per image, then the images."""
    images = [(size, png_bytes(size)) for size in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    body = b""
    for size, data in images:
        # width and height 0 mean 256
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset + len(body))
        body += data
    open(path, "wb").write(out + body)

def seg_dist(px, py, a, b):
    ax, ay = a; bx, by = b
    vx, vy = bx - ax, by - ay
    t = max(0, min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)))
    return math.hypot(px - (ax + t * vx), py - (ay + t * vy))

for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
    png("icons/" + name, size)
ico("icons/icon.ico", [16, 24, 32, 48, 64, 256])
