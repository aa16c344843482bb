package io.pulseboard.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The icon files read back as Windows and macOS read them: headers, offsets, lengths, PNG entries. */
class IconFilesTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    Path temp;

    @Test
    void writesAPngOfTheSizeAsked() throws IOException {
        Path file = temp.resolve("linux/pulseboard.png");

        IconFiles.writePng(file, 256);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
    }

    @Test
    void writesAnIcoWithOnePngEntryPerDefaultSizeBackToBack() throws IOException {
        Path file = temp.resolve("pulseboard.ico");

        IconFiles.writeIco(file);

        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.getShort()).as("reserved").isEqualTo((short) 0);
        assertThat(in.getShort()).as("type").isEqualTo((short) 1);
        int count = in.getShort();
        assertThat(count).isEqualTo(7);
        List<Integer> sizes = new ArrayList<>();
        int expectedOffset = 6 + 16 * count;
        for (int i = 0; i < count; i++) {
            int width = Byte.toUnsignedInt(in.get());
            int height = Byte.toUnsignedInt(in.get());
            assertThat(height).isEqualTo(width);
            int size = width == 0 ? 256 : width;
            sizes.add(size);
            assertThat(in.get()).as("colour count").isEqualTo((byte) 0);
            assertThat(in.get()).as("reserved").isEqualTo((byte) 0);
            assertThat(in.getShort()).as("planes").isEqualTo((short) 1);
            assertThat(in.getShort()).as("bits per pixel").isEqualTo((short) 32);
            int length = in.getInt();
            int offset = in.getInt();
            assertThat(offset).as("entry %d's offset", i).isEqualTo(expectedOffset);
            assertIsPngOfSize(Arrays.copyOfRange(bytes, offset, offset + length), size);
            expectedOffset += length;
        }
        assertThat(sizes).containsExactly(16, 24, 32, 48, 64, 128, 256);
        assertThat(expectedOffset).as("the end of the last entry").isEqualTo(bytes.length);
    }

    @Test
    void writesAnIcoOfTheSizesGiven() throws IOException {
        Path file = temp.resolve("small.ico");

        IconFiles.writeIco(file, 16, 32);

        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.getShort(4)).isEqualTo((short) 2);
        assertThat(List.of(in.get(6), in.get(6 + 16))).containsExactly((byte) 16, (byte) 32);
    }

    @Test
    void refusesIcoSizesAnEntryCannotHoldOrThatRepeat() {
        assertThatThrownBy(() -> IconFiles.writeIco(temp.resolve("big.ico"), 16, 512))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ICO size 512 px is out of range: an ICO entry holds 16 to 256 px");
        assertThatThrownBy(() -> IconFiles.writeIco(temp.resolve("twice.ico"), 32, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ICO sizes [32, 32] repeat a size: give each once");
        assertThat(temp.resolve("big.ico")).doesNotExist();
    }

    @Test
    void writesAnIcnsWithThePngEntriesFrom16To1024Px() throws IOException {
        Path file = temp.resolve("mac/pulseboard.icns");

        IconFiles.writeIcns(file);

        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        assertThat(type(in)).isEqualTo("icns");
        assertThat(in.getInt()).as("the file's length").isEqualTo(bytes.length);
        List<String> types = new ArrayList<>();
        while (in.hasRemaining()) {
            String type = type(in);
            int length = in.getInt();
            assertThat(length).as("%s's length", type).isGreaterThan(8).isLessThanOrEqualTo(in.remaining() + 8);
            byte[] png = new byte[length - 8];
            in.get(png);
            assertIsPngOfSize(png, IconFiles.ICNS_TYPES.get(type));
            types.add(type);
        }
        assertThat(types).containsExactly("icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10");
        assertThat(IconFiles.ICNS_TYPES.values()).containsExactly(16, 32, 64, 128, 256, 512, 1024);
    }

    private static String type(ByteBuffer in) {
        byte[] type = new byte[4];
        in.get(type);
        return new String(type, StandardCharsets.US_ASCII);
    }

    private static void assertIsPngOfSize(byte[] png, int size) throws IOException {
        assertThat(Arrays.copyOf(png, 8))
                .as("PNG signature of the %d px entry", size)
                .isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("the %d px entry decoded", size).isNotNull();
        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getHeight()).isEqualTo(size);
    }
}
