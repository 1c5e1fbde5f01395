"""Hero images for the demo content, drawn locally with Pillow (no downloads)."""

from io import BytesIO

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 800


def draw_hero(seed: int, colours: tuple[str, str]) -> bytes:
    """A calm gradient with a few overlapping shapes; `seed` varies the layout."""
    start, end = (Image.new("RGB", (1, 1), c).getpixel((0, 0)) for c in colours)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for x in range(WIDTH):
        t = x / (WIDTH - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        draw.line([(x, 0), (x, HEIGHT)], fill=colour)
    overlay = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    for i in range(6):
        r = 120 + ((seed * 37 + i * 53) % 220)
        cx = (seed * 211 + i * 283) % WIDTH
        cy = (seed * 97 + i * 149) % HEIGHT
        shapes.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255, 28 + i * 6))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


PORTRAIT_SIZE = 600


def draw_portrait(initials: str, colours: tuple[str, str]) -> bytes:
    """A square placeholder portrait: a diagonal gradient with the author's initials."""
    from PIL import ImageFont

    start, end = (Image.new("RGB", (1, 1), c).getpixel((0, 0)) for c in colours)
    size = PORTRAIT_SIZE
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        t = y / (size - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        draw.line([(0, y), (size, y)], fill=colour)
    font = ImageFont.load_default(size=220)
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
