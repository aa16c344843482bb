package io.pulseboard.installers;

import io.pulseboard.ui.icon.AppIcon;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The icon files jpackage takes ({@code --icon}): a PNG for Linux, an ICO for Windows, an ICNS for
 * macOS, each drawn by {@link AppIcon#paint} at build time, so that no image file is kept in the
 * sources. Every entry of the ICO and the ICNS is a PNG, which both formats accept (ICO since Windows
 * Vista; the ICNS types written here, {@code icp4} to {@code ic10}, since OS X 10.7).
 */
final class IconFiles {

    /** The ICO's sizes when none are given: the Windows shell's small, list, large and jumbo views. */
    static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    /** The ICNS's entries: OSType to size in pixels, in the order they are written. */
    static final Map<String, Integer> ICNS_TYPES = icnsTypes();

    private static final int ICO_HEADER = 6;
    private static final int ICO_ENTRY = 16;
    private static final int ICNS_HEADER = 8;

    private IconFiles() {}

    /**
     * Writes the icon as a PNG of {@code size} x {@code size} pixels, creating the parent folders.
     *
     * @throws IllegalArgumentException if {@code size} is out of {@link AppIcon#paint}'s range
     */
    static void writePng(Path file, int size) throws IOException {
        createParent(file);
        Files.write(file, png(size));
    }

    /**
     * Writes a Windows icon with one PNG-compressed entry per size ({@link #ICO_SIZES} when none are
     * given), creating the parent folders. The ICONDIR and ICONDIRENTRY fields are little-endian.
     *
     * @throws IllegalArgumentException if a size is out of 16 to 256 px (an ICO entry's limit) or
     *     given twice
     */
    static void writeIco(Path file, int... sizes) throws IOException {
        int[] chosen = sizes.length == 0
                ? ICO_SIZES.stream().mapToInt(Integer::intValue).toArray()
                : sizes.clone();
        if (Arrays.stream(chosen).distinct().count() != chosen.length) {
            throw new IllegalArgumentException(
                    "ICO sizes " + Arrays.toString(chosen) + " repeat a size: give each once");
        }
        List<byte[]> images = new ArrayList<>();
        for (int size : chosen) {
            if (size < AppIcon.MIN_SIZE || size > 256) {
                throw new IllegalArgumentException("ICO size " + size + " px is out of range: an ICO entry holds "
                        + AppIcon.MIN_SIZE + " to 256 px");
            }
            images.add(png(size));
        }
        int length = ICO_HEADER
                + ICO_ENTRY * chosen.length
                + images.stream().mapToInt(png -> png.length).sum();
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0); // reserved
        out.putShort((short) 1); // type: icon
        out.putShort((short) chosen.length);
        int offset = ICO_HEADER + ICO_ENTRY * chosen.length;
        for (int i = 0; i < chosen.length; i++) {
            byte side = (byte) (chosen[i] == 256 ? 0 : chosen[i]); // 0 stands for 256
            out.put(side); // width
            out.put(side); // height
            out.put((byte) 0); // colour count: not a palette image
            out.put((byte) 0); // reserved
            out.putShort((short) 1); // colour planes
            out.putShort((short) 32); // bits per pixel
            out.putInt(images.get(i).length);
            out.putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(out::put);
        createParent(file);
        Files.write(file, out.array());
    }

    /**
     * Writes a macOS icon with the {@link #ICNS_TYPES} entries, 16 to 1024 px, creating the parent
     * folders: "icns" and the file's length, then per entry its OSType, its length (with its 8-byte
     * header) and its PNG, all big-endian.
     */
    static void writeIcns(Path file) throws IOException {
        Map<String, byte[]> images = new LinkedHashMap<>();
        ICNS_TYPES.forEach((type, size) -> images.put(type, png(size)));
        int length = ICNS_HEADER
                + images.values().stream()
                        .mapToInt(png -> ICNS_HEADER + png.length)
                        .sum();
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        out.put("icns".getBytes(StandardCharsets.US_ASCII));
        out.putInt(length);
        images.forEach((type, png) -> {
            out.put(type.getBytes(StandardCharsets.US_ASCII));
            out.putInt(ICNS_HEADER + png.length);
            out.put(png);
        });
        createParent(file);
        Files.write(file, out.array());
    }

    private static byte[] png(int size) {
        BufferedImage image = AppIcon.paint(size);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("This JDK's ImageIO has no PNG writer; the icons need one");
            }
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail: this would be a broken PNG encoder.
            throw new UncheckedIOException("Could not encode the " + size + " px icon as PNG", e);
        }
        return bytes.toByteArray();
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static Map<String, Integer> icnsTypes() {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        return Collections.unmodifiableMap(types);
    }
}
