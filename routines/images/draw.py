"""Draw the bundled routines' example pictures: simple figures in clear poses, from code.

Run it after changing a drawing (it needs Pillow, which textual-image brings):

    python routines/images/draw.py

It writes ``routines/images/*.png``, small (a few kilobytes), palette PNGs that the repository
keeps; each is marked "example drawing" like the routines are examples. Every figure is a head
and thick limbs drawn between joint positions given in a 0..100 box, so a pose reads as a pose
even in the run screen's coarse half-block rendering.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent
SIZE = (480, 320)
INK = (30, 60, 110)
FLOOR = (150, 150, 150)
FURNITURE = (140, 100, 60)
BACKGROUND = (255, 255, 255)
ICE = (70, 150, 230)
HEAT = (220, 70, 40)
ARROW = (0, 140, 90)
LIMB = 16  # pixels


def _p(x: float, y: float) -> tuple[float, float]:
    return (40 + x * 4.0, 10 + y * 3.4)


class Canvas:
    def __init__(self) -> None:
        self.image = Image.new("RGB", SIZE, BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)

    def floor(self, y: float = 85) -> None:
        self.draw.line([_p(-10, y), _p(110, y)], fill=FLOOR, width=6)

    def limbs(self, *chain: tuple[float, float], colour=INK, width: int = LIMB) -> None:
        points = [_p(*point) for point in chain]
        self.draw.line(points, fill=colour, width=width, joint="curve")
        for x, y in points:
            r = width / 2
            self.draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)

    def head(self, x: float, y: float, r: float = 16) -> None:
        cx, cy = _p(x, y)
        self.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=INK)

    def box(self, a: tuple[float, float], b: tuple[float, float], colour) -> None:
        self.draw.rectangle([_p(*a), _p(*b)], fill=colour)

    def arrow(self, *chain: tuple[float, float]) -> None:
        points = [_p(*point) for point in chain]
        self.draw.line(points, fill=ARROW, width=5)
        (x0, y0), (x1, y1) = points[-2], points[-1]
        dx, dy = x1 - x0, y1 - y0
        length = max((dx * dx + dy * dy) ** 0.5, 1)
        ux, uy = dx / length, dy / length
        tip = [(x1, y1), (x1 - 16 * ux + 9 * uy, y1 - 16 * uy - 9 * ux),
               (x1 - 16 * ux - 9 * uy, y1 - 16 * uy + 9 * ux)]  # fmt: skip
        self.draw.polygon(tip, fill=ARROW)

    def save(self, name: str) -> None:
        """Crop to the drawing (a small terminal shows more of the figure), mark it, save."""
        ink = Image.eval(self.image.convert("L"), lambda v: 255 if v < 250 else 0).getbbox()
        left, top, right, bottom = ink if ink else (0, 0, *SIZE)
        cropped = self.image.crop((max(left - 20, 0), max(top - 20, 0),
                                   min(right + 20, SIZE[0]), min(bottom + 24, SIZE[1])))  # fmt: skip
        draw = ImageDraw.Draw(cropped)
        draw.text((cropped.width - 100, cropped.height - 14), "example drawing", fill=FLOOR)
        OUT.mkdir(parents=True, exist_ok=True)
        image = cropped.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
        image.save(OUT / f"{name}.png", optimize=True)


def side_bend() -> None:
    c = Canvas()
    c.floor()
    c.limbs((36, 85), (45, 58), (54, 85))  # legs
    c.limbs((45, 58), (55, 28))  # trunk bent sideways
    c.head(58, 18)
    c.limbs((54, 32), (66, 50), (70, 62))  # arm sliding down the side
    c.limbs((54, 32), (44, 44), (42, 56))
    c.arrow((75, 22), (84, 36), (86, 52))
    c.save("side-bend")


def seated_forward_bend() -> None:
    c = Canvas()
    c.floor()
    c.box((20, 55), (45, 59), FURNITURE)  # seat
    c.box((20, 59), (22, 85), FURNITURE)
    c.box((43, 59), (45, 85), FURNITURE)
    c.box((18, 25), (21, 59), FURNITURE)  # back rest
    c.limbs((30, 52), (58, 52), (60, 85))  # thigh and shin
    c.limbs((30, 52), (36, 38), (46, 32), (56, 38))  # rounded back
    c.head(63, 45)
    c.limbs((56, 38), (57, 52))  # arm to the knee
    c.arrow((50, 18), (64, 22), (72, 32))
    c.save("seated-forward-bend")


def knee_to_chest() -> None:
    c = Canvas()
    c.floor()
    c.head(10, 72)
    c.limbs((18, 78), (58, 78))  # trunk lying
    c.limbs((58, 78), (90, 78), (100, 80))  # straight leg
    c.limbs((58, 78), (40, 56), (54, 52))  # knee pulled to the chest
    c.limbs((26, 76), (38, 58))  # hands around the knee
    c.arrow((58, 42), (44, 40), (34, 46))
    c.save("knee-to-chest")


def cat_camel() -> None:
    c = Canvas()
    c.floor()
    c.limbs((28, 85), (28, 58))  # arm
    c.limbs((72, 85), (72, 60), (82, 85))  # thigh down, shin along the floor
    c.limbs((28, 58), (50, 42), (72, 60))  # back arched up (camel)
    c.head(18, 60)
    c.arrow((50, 32), (50, 18))
    c.arrow((62, 18), (62, 30))
    c.save("cat-and-camel")


def lying_twist() -> None:
    c = Canvas()
    c.floor()
    c.head(10, 72)
    c.limbs((18, 78), (56, 78))  # trunk lying
    c.limbs((56, 78), (70, 62), (84, 74))  # bent knees dropped to one side
    c.limbs((56, 78), (72, 68), (88, 80), colour=(90, 120, 170))
    c.arrow((72, 44), (86, 50), (92, 62))
    c.save("lying-twist")


def childs_pose() -> None:
    c = Canvas()
    c.floor()
    c.limbs((80, 84), (58, 84))  # shins on the floor
    c.limbs((58, 84), (76, 72))  # thigh, sitting back on the heels
    c.limbs((76, 72), (58, 66), (40, 74))  # back, long, resting forward
    c.head(32, 78, r=14)
    c.limbs((40, 76), (24, 84), (4, 84))  # arms reaching forward on the floor
    c.arrow((50, 50), (26, 50))
    c.save("childs-pose")


def lying_face_down_with_pack(name: str, colour) -> None:
    c = Canvas()
    c.floor()
    c.head(10, 76)
    c.limbs((18, 80), (92, 80))  # lying face down
    c.limbs((22, 80), (46, 80), colour=(90, 120, 170), width=10)  # an arm along the side
    c.box((44, 70), (60, 76), colour)  # the pack on the lower back
    c.draw.rectangle([_p(40, 68), _p(64, 77)], outline=colour, width=3)  # in a towel
    c.save(name)


def main() -> None:
    side_bend()
    seated_forward_bend()
    knee_to_chest()
    cat_camel()
    lying_twist()
    childs_pose()
    lying_face_down_with_pack("ice-on-lower-back", ICE)
    lying_face_down_with_pack("heat-on-lower-back", HEAT)
    for path in sorted(OUT.glob("*.png")):
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
