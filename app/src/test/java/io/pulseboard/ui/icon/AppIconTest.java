package io.pulseboard.ui.icon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The icon's drawing, read back pixel by pixel (plain Java2D, no JavaFX toolkit). */
class AppIconTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 17, 24, 31, 32, 48, 64, 128, 256, 512, 1024})
    void drawsExactlyTheSizeAskedFor(int size) {
        BufferedImage image = AppIcon.paint(size);

        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getHeight()).isEqualTo(size);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32, 48, 128, 256, 1024})
    void leavesTheMarginAndTheRoundedCornersTransparent(int size) {
        BufferedImage image = AppIcon.paint(size);
        int margin = Math.max(1, Math.round(size * 0.06f));

        List<Integer> marginAlphas = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            for (int m = 0; m < margin; m++) {
                marginAlphas.add(alpha(image, i, m));
                marginAlphas.add(alpha(image, i, size - 1 - m));
                marginAlphas.add(alpha(image, m, i));
                marginAlphas.add(alpha(image, size - 1 - m, i));
            }
        }
        assertThat(marginAlphas).containsOnly(0);
        // Just inside the margin at each corner lies the rounding: still transparent there.
        assertThat(List.of(
                        alpha(image, margin, margin),
                        alpha(image, size - 1 - margin, margin),
                        alpha(image, margin, size - 1 - margin),
                        alpha(image, size - 1 - margin, size - 1 - margin)))
                .containsOnly(0);
        // While the middle of each edge is the tile itself.
        assertThat(alpha(image, size / 2, margin)).isEqualTo(255);
        assertThat(alpha(image, margin, size / 2)).isEqualTo(255);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32, 48, 128, 256, 1024})
    void isOpaqueInTheCentre(int size) {
        BufferedImage image = AppIcon.paint(size);

        assertThat(alpha(image, size / 2, size / 2)).isEqualTo(255);
        assertThat(alpha(image, size / 3, size / 3)).isEqualTo(255);
        assertThat(alpha(image, 2 * size / 3, 2 * size / 3)).isEqualTo(255);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 256})
    void drawsTheWhitePulseLine(int size) {
        BufferedImage image = AppIcon.paint(size);

        long white = IntStream.range(0, size * size)
                .map(i -> image.getRGB(i % size, i / size))
                .filter(argb -> argb == 0xFFFFFFFF)
                .count();
        // The flat runs alone cover more than this: a 2 px stroke over about 5 px at 16 px, and
        // tens of pixels thick over a third of the width at 256 px.
        assertThat(white).isGreaterThan(size == 16 ? 12 : 2_000);
    }

    @Test
    void drawsTheSmallestTraceOnWholePixels() {
        BufferedImage image = AppIcon.paint(16);

        // The flat start of the trace: a 2 px stroke snapped to the grid fills two rows completely
        // and leaves the rows around them untouched by white.
        List<Integer> whiteRows = IntStream.range(0, 16)
                .filter(y -> image.getRGB(3, y) == 0xFFFFFFFF)
                .boxed()
                .toList();
        assertThat(whiteRows).containsExactly(8, 9);
        assertThat(List.of(image.getRGB(2, 8), image.getRGB(3, 8), image.getRGB(4, 8)))
                .containsOnly(0xFFFFFFFF);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 15, 1025})
    void refusesASizeOutOfRange(int size) {
        assertThatThrownBy(() -> AppIcon.paint(size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Icon size " + size + " px is out of range: use 16 to 1024 px");
    }

    private static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }
}
