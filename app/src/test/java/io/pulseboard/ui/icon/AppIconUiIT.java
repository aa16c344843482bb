package io.pulseboard.ui.icon;

import static io.pulseboard.ui.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The icon's JavaFX images on a started toolkit (Monocle, headless): the same pixels as the drawing. */
class AppIconUiIT {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void clear() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void windowIconsComeInTheSevenWindowSizes() throws Exception {
        List<Image> icons = onFx(AppIcon::windowIcons);

        assertThat(icons).extracting(Image::getWidth).containsExactly(16.0, 24.0, 32.0, 48.0, 64.0, 128.0, 256.0);
        assertThat(icons).extracting(Image::getHeight).containsExactly(16.0, 24.0, 32.0, 48.0, 64.0, 128.0, 256.0);
    }

    @Test
    void fxImageHoldsThePaintedPixels() throws Exception {
        for (int size : new int[] {16, 48, 256}) {
            BufferedImage painted = AppIcon.paint(size);
            Image image = onFx(() -> AppIcon.fxImage(size));
            PixelReader reader = image.getPixelReader();

            List<String> differences = new ArrayList<>();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int want = painted.getRGB(x, y);
                    int got = reader.getArgb(x, y);
                    if (!sameWithinPremultiplyRounding(want, got)) {
                        differences.add(String.format("(%d,%d) %08X vs %08X", x, y, want, got));
                    }
                }
            }
            assertThat(differences)
                    .as("pixels of the %d px image that differ", size)
                    .isEmpty();
        }
    }

    /**
     * Equal, except that JavaFX keeps pixels premultiplied: a half-transparent pixel's colour comes
     * back rounded, by up to 255 / alpha per channel.
     */
    private static boolean sameWithinPremultiplyRounding(int want, int got) {
        int alpha = want >>> 24;
        if ((got >>> 24) != alpha) {
            return false;
        }
        if (alpha == 0 || alpha == 255) {
            return alpha == 0 || want == got;
        }
        int tolerance = 255 / alpha + 1;
        for (int shift = 0; shift < 24; shift += 8) {
            if (Math.abs(((want >> shift) & 0xFF) - ((got >> shift) & 0xFF)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
