package io.pulseboard.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {

    private static final Rectangle2D HD = new Rectangle2D(0, 0, 1280, 720);
    private static final Rectangle2D FULL_HD = new Rectangle2D(0, 0, 1920, 1080);
    private static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 1280, 1024);

    @Test
    void theDefaultSizeFitsA1280x720ScreenAndIs1440x900OnALargeOne() {
        assertThat(WindowPlacement.place(Optional.empty(), HD, List.of(HD)))
                .isEqualTo(new Rectangle2D(24, 24, 1232, 672));
        assertThat(WindowPlacement.place(Optional.empty(), FULL_HD, List.of(FULL_HD)))
                .isEqualTo(new Rectangle2D(240, 90, 1440, 900));
    }

    @Test
    void aSavedPlaceIsKeptWhenItFits() {
        Rectangle2D saved = new Rectangle2D(40, 30, 1000, 640);

        assertThat(WindowPlacement.place(Optional.of(saved), HD, List.of(HD))).isEqualTo(saved);
    }

    @Test
    void aSavedPlaceLargerThanTheScreenOrHangingOffItIsClampedIntoIt() {
        assertThat(WindowPlacement.place(Optional.of(new Rectangle2D(300, 200, 1440, 900)), HD, List.of(HD)))
                .isEqualTo(new Rectangle2D(0, 0, 1280, 720));
        assertThat(WindowPlacement.place(Optional.of(new Rectangle2D(900, -50, 800, 600)), HD, List.of(HD)))
                .isEqualTo(new Rectangle2D(480, 0, 800, 600));
    }

    @Test
    void aWindowOnTheSecondScreenStaysThereAndOneOnAScreenUnpluggedSinceOpensOnThePrimary() {
        Rectangle2D onRight = new Rectangle2D(2000, 100, 1000, 700);

        assertThat(WindowPlacement.place(Optional.of(onRight), FULL_HD, List.of(FULL_HD, RIGHT)))
                .isEqualTo(onRight);
        assertThat(WindowPlacement.place(Optional.of(onRight), FULL_HD, List.of(FULL_HD)))
                .isEqualTo(new Rectangle2D(240, 90, 1440, 900));
    }
}
