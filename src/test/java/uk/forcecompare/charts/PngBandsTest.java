package uk.forcecompare.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class PngBandsTest {

    @Test
    void aPngReadsBackToTheSamePixelsAndIsAValidZlibStream() throws Exception {
        BufferedImage image = drawing(301, 203); // neither dimension a multiple of the band height
        byte[] png = write(PngBands.of(image));

        assertPixelsEqual(image, ImageIO.read(new ByteArrayInputStream(png)));
        byte[] raw = inflateIdat(png); // throws if the Adler-32 in the trailer is wrong
        assertEquals(203 * (1 + 3 * 301), raw.length);
        assertChunkCrcsValid(png);
    }

    @Test
    void statesThreeHundredDotsPerInch() throws Exception {
        byte[] png = write(PngBands.of(drawing(40, 20)));
        ByteBuffer b = ByteBuffer.wrap(png);
        int phys = indexOf(png, "pHYs".getBytes());
        // 300 dpi = 300 / 0.0254 = 11811.02 pixels a metre, unit 1 (metre)
        assertEquals(11811, b.getInt(phys));
        assertEquals(11811, b.getInt(phys + 4));
        assertEquals(1, png[phys + 8]);
    }

    @Test
    void aVariantIsByteForByteWhatWritingItFromScratchGives() throws Exception {
        BufferedImage national = drawing(640, 480);
        PngBands bands = PngBands.of(national);
        BufferedImage focus = marked(Encoders.copy(national), g -> {
            g.setStroke(new BasicStroke(3f));
            g.drawRect(200, 150, 40, 200); // rows 148..352: bands 9 to 22 of 30 change
        });

        byte[] variant = writeVariant(bands, focus);
        assertArrayEquals(write(PngBands.of(focus)), variant);
        assertPixelsEqual(focus, ImageIO.read(new ByteArrayInputStream(variant)));
        inflateIdat(variant);
        // and the national figure is untouched by having written a variant
        assertArrayEquals(write(PngBands.of(national)), write(bands));
        assertNotEquals(ByteBuffer.wrap(write(bands)), ByteBuffer.wrap(variant));
    }

    @Test
    void aChangeInTheLastRowOfABandReachesTheNextBandThroughTheUpFilter() throws Exception {
        BufferedImage base = new BufferedImage(50, 3 * PngBands.ROWS, BufferedImage.TYPE_INT_RGB);
        PngBands bands = PngBands.of(base);
        BufferedImage changed = Encoders.copy(base);
        changed.setRGB(7, PngBands.ROWS - 1, 0x123456); // last row of band 0: band 1's first row is filtered against it
        byte[] variant = writeVariant(bands, changed);
        assertPixelsEqual(changed, ImageIO.read(new ByteArrayInputStream(variant)));
        assertArrayEquals(write(PngBands.of(changed)), variant);
    }

    @Test
    void restoringAVariantMakesItTheImageAgainSoTheNextMarkIsWrittenAsOnAFreshCopy() throws Exception {
        BufferedImage national = drawing(640, 480);
        PngBands bands = PngBands.of(national);
        BufferedImage canvas = marked(Encoders.copy(national),
                g -> g.fillRect(100, 40, 30, 20)); // rows 40..59: bands 2 (rows 32..47) and 3 (48..63) change
        boolean[] changed = bands.writeVariant(canvas, new ByteArrayOutputStream());
        boolean[] expected = new boolean[30];
        expected[2] = expected[3] = true;
        assertArrayEquals(expected, changed);

        bands.restore(canvas, changed);
        assertPixelsEqual(national, canvas);

        BufferedImage fresh = Encoders.copy(national);
        for (BufferedImage image : new BufferedImage[] {canvas, fresh}) {
            marked(image, g -> {
                g.setColor(new Color(0x0B0C0C));
                g.drawRect(300, 200, 60, 100);
            });
        }
        assertArrayEquals(writeVariant(bands, fresh), writeVariant(bands, canvas));
    }

    @Test
    void anUnchangedVariantIsTheSameFile() throws Exception {
        BufferedImage image = drawing(120, 90);
        PngBands bands = PngBands.of(image);
        assertArrayEquals(write(bands), writeVariant(bands, Encoders.copy(image)));
    }

    @Test
    void aVariantOfAnotherSizeIsRefused() {
        PngBands bands = PngBands.of(drawing(100, 100));
        assertThrows(IllegalArgumentException.class,
                () -> bands.writeVariant(new BufferedImage(100, 101, BufferedImage.TYPE_INT_RGB), new ByteArrayOutputStream()));
    }

    @Test
    void combinedAdlerEqualsTheAdlerOfTheJoinedBytes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            byte[] all = new byte[random.nextInt(200_000)];
            random.nextBytes(all);
            if (trial % 3 == 0) java.util.Arrays.fill(all, (byte) 0xFF); // the sums' largest values
            int cut = all.length == 0 ? 0 : random.nextInt(all.length + 1);
            Adler32 whole = new Adler32(), first = new Adler32(), second = new Adler32();
            whole.update(all);
            first.update(all, 0, cut);
            second.update(all, cut, all.length - cut);
            assertEquals(whole.getValue(), PngBands.combineAdler(first.getValue(), second.getValue(), all.length - cut),
                    "trial " + trial + ", " + all.length + " bytes cut at " + cut);
        }
    }

    // ---- helpers

    private static BufferedImage drawing(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        Random random = new Random(w * 31L + h);
        for (int i = 0; i < 12; i++) {
            g.setColor(i % 2 == 0 ? new Color(0x003078) : new Color(0x5694CA));
            int bh = random.nextInt(h);
            g.fillRect(i * w / 12, h - bh, Math.max(1, w / 14), bh);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, h / 12)));
        g.drawString("Figure 1: answered within 10 seconds", 3, Math.max(10, h / 8));
        g.dispose();
        return image;
    }

    /** image with a mark drawn on it in the focus red, as a focus figure's canvas gets one */
    private static BufferedImage marked(BufferedImage image, java.util.function.Consumer<Graphics2D> mark) {
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xD4351C));
        mark.accept(g);
        g.dispose();
        return image;
    }

    private static byte[] write(PngBands bands) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bands.write(out);
        return out.toByteArray();
    }

    private static byte[] writeVariant(PngBands bands, BufferedImage variant) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bands.writeVariant(variant, out);
        return out.toByteArray();
    }

    private static void assertPixelsEqual(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    /** The IDAT chunk inflated by zlib, which checks the stream's Adler-32 before it reports the end. */
    private static byte[] inflateIdat(byte[] png) throws DataFormatException {
        int idat = indexOf(png, "IDAT".getBytes());
        int length = ByteBuffer.wrap(png).getInt(idat - 8);
        Inflater inflater = new Inflater();
        inflater.setInput(png, idat, length);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new AssertionError("the zlib stream ends early");
            }
            raw.write(buf, 0, n);
        }
        assertEquals(0, inflater.getRemaining(), "bytes after the zlib stream's end");
        inflater.end();
        return raw.toByteArray();
    }

    private static void assertChunkCrcsValid(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png);
        int p = 8;
        int chunks = 0;
        while (p < png.length) {
            int length = b.getInt(p);
            CRC32 crc = new CRC32();
            crc.update(png, p + 4, 4 + length);
            assertEquals((int) crc.getValue(), b.getInt(p + 8 + length), "CRC of chunk " + new String(png, p + 4, 4));
            p += 12 + length;
            chunks++;
        }
        assertEquals(png.length, p);
        assertTrue(chunks >= 4);
    }

    /** where the bytes after the first occurrence of needle start */
    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) continue outer;
            }
            return i + needle.length;
        }
        throw new AssertionError("not found");
    }
}
