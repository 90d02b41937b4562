package uk.forcecompare.charts;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An RGB PNG with a pHYs chunk of 300 dpi, its image data compressed in bands of {@link #ROWS} rows that each
 * stand alone (a fresh deflater, ended by a full flush). Written here rather than through ImageIO: its writer
 * tries every filter on every row at the highest compression and takes 3 to 5 times as long for these mostly white
 * figures. Each row uses the "Up" filter (a row like the one above becomes zeros) and deflate runs at its fastest
 * level.
 *
 * <p>Why bands: a force's focus figure is the national figure with one bar outlined and labelled, and deflate was
 * most of the cost of the 43 focus figures. Because no band refers to another, a copy of the image is written by
 * compressing again only the bands whose rows (or the row just above them, which the Up filter reads) changed, and
 * reusing the national figure's bytes for the rest. The output does not depend on which figure was written first.
 */
final class PngBands {

    static final int ROWS = 16;
    static final int DEFLATE_LEVEL = Deflater.BEST_SPEED;
    /** pixels per metre at 300 dpi, as the PNG pHYs chunk states resolution */
    static final int PIXELS_PER_METRE = (int) Math.round(ChartStyle.DPI / 0.0254);

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** zlib header: deflate with a 32 KiB window, fastest level; 0x7801 is a multiple of 31 as RFC 1950 asks */
    private static final byte[] ZLIB_HEADER = {0x78, 0x01};
    /** an empty stored block with the final bit set: ends the deflate stream after the last band's full flush */
    private static final byte[] FINAL_BLOCK = {0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int ADLER_BASE = 65521;

    private final int width;
    private final int height;
    private final int[] pixels;
    private final Band[] bands;

    private record Band(byte[] deflated, int adler, int length) {
    }

    private PngBands(int width, int height, int[] pixels, Band[] bands) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
        this.bands = bands;
    }

    /** Compresses every band of the image. The image must not change afterwards: its pixels are kept, not copied. */
    static PngBands of(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] px = pixelsOf(image);
        Band[] bands = new Band[(h + ROWS - 1) / ROWS];
        Compressor c = new Compressor(w);
        try {
            for (int b = 0; b < bands.length; b++) {
                bands[b] = c.band(px, w, h, b);
            }
        } finally {
            c.end();
        }
        return new PngBands(w, h, px, bands);
    }

    /** Writes this image. */
    void write(OutputStream out) throws IOException {
        write(out, bands);
    }

    /**
     * Writes {@code variant}, an image of the same size that differs from this one in some rows, compressing again
     * only the bands those rows touch.
     *
     * @return which bands differed: {@link #restore} puts them back
     */
    boolean[] writeVariant(BufferedImage variant, OutputStream out) throws IOException {
        if (variant.getWidth() != width || variant.getHeight() != height) {
            throw new IllegalArgumentException("a variant must be " + width + " x " + height + " pixels, not "
                    + variant.getWidth() + " x " + variant.getHeight());
        }
        int[] px = pixelsOf(variant);
        Band[] mine = bands.clone();
        boolean[] changed = new boolean[bands.length];
        Compressor c = null;
        try {
            for (int b = 0; b < mine.length; b++) {
                if (changed(px, b)) {
                    if (c == null) c = new Compressor(width);
                    mine[b] = c.band(px, width, height, b);
                    changed[b] = true;
                }
            }
        } finally {
            if (c != null) c.end();
        }
        write(out, mine);
        return changed;
    }

    /**
     * Makes {@code variant} this image again by copying back the rows of the bands {@link #writeVariant} found
     * changed: a focus figure's canvas is reused for the next force at the cost of the rows its mark touched. A row
     * that differed lies in a band of its own that differed, so every changed row is copied.
     */
    void restore(BufferedImage variant, boolean[] changed) {
        int[] px = backingPixels(variant);
        if (px == null || px.length != width * height || changed.length != bands.length) {
            throw new IllegalArgumentException("only an RGB image of this size, with ints for pixels, can be restored in place");
        }
        if (px == pixels) {
            return;
        }
        for (int b = 0; b < changed.length; b++) {
            if (changed[b]) {
                int from = b * ROWS * width;
                int to = Math.min(height, (b + 1) * ROWS) * width;
                System.arraycopy(pixels, from, px, from, to - from);
            }
        }
    }

    /** whether band b's filtered bytes differ: its own rows, or the row above it that its first row is filtered against */
    private boolean changed(int[] px, int b) {
        int from = Math.max(0, b * ROWS - 1) * width;
        int to = Math.min(height, (b + 1) * ROWS) * width;
        return Arrays.mismatch(px, from, to, pixels, from, to) >= 0;
    }

    private void write(OutputStream out, Band[] parts) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(data, "IHDR", ihdr.array());
        ByteBuffer phys = ByteBuffer.allocate(9).putInt(PIXELS_PER_METRE).putInt(PIXELS_PER_METRE).put((byte) 1);
        chunk(data, "pHYs", phys.array());

        long adler = 1;
        int length = ZLIB_HEADER.length + FINAL_BLOCK.length + 4;
        for (Band p : parts) {
            adler = combineAdler(adler, p.adler() & 0xFFFFFFFFL, p.length());
            length += p.deflated().length;
        }
        byte[] type = "IDAT".getBytes(StandardCharsets.US_ASCII);
        byte[] trailer = ByteBuffer.allocate(4).putInt((int) adler).array();
        CRC32 crc = new CRC32();
        data.writeInt(length);
        data.write(type);
        crc.update(type);
        data.write(ZLIB_HEADER);
        crc.update(ZLIB_HEADER);
        for (Band p : parts) {
            data.write(p.deflated());
            crc.update(p.deflated());
        }
        data.write(FINAL_BLOCK);
        crc.update(FINAL_BLOCK);
        data.write(trailer);
        crc.update(trailer);
        data.writeInt((int) crc.getValue());
        chunk(data, "IEND", new byte[0]);
        data.flush();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(body.length);
        out.write(t);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }

    /** The Adler-32 of two byte sequences joined, from theirs and the second's length (zlib's adler32_combine). */
    static long combineAdler(long adler1, long adler2, long length2) {
        long rem = length2 % ADLER_BASE;
        long sum1 = adler1 & 0xFFFF;
        long sum2 = (rem * sum1) % ADLER_BASE;
        sum1 += (adler2 & 0xFFFF) + ADLER_BASE - 1;
        sum2 += ((adler1 >>> 16) & 0xFFFF) + ((adler2 >>> 16) & 0xFFFF) + ADLER_BASE - rem;
        if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
        if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
        if (sum2 >= 2L * ADLER_BASE) sum2 -= 2L * ADLER_BASE;
        if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
        return sum1 | (sum2 << 16);
    }

    private static int[] pixelsOf(BufferedImage image) {
        int[] own = backingPixels(image);
        int w = image.getWidth(), h = image.getHeight();
        return own != null ? own : image.getRGB(0, 0, w, h, null, 0, w);
    }

    /** The image's own array of 0xRRGGBB pixels, row after row, or null where it keeps its pixels otherwise. */
    private static int[] backingPixels(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getData().length == image.getWidth() * image.getHeight()) {
            return buffer.getData();
        }
        return null;
    }

    /** Filters and deflates one band at a time, reusing its buffers; one per thread. */
    private static final class Compressor {
        private final Deflater deflater = new Deflater(DEFLATE_LEVEL, true);
        private final byte[] filtered;
        /** a row of zero bytes copied in for runs of unchanged pixels: arraycopy is a stub in C1 and C2, fill a loop in C1 */
        private final byte[] zeros;
        private final byte[] chunk = new byte[1 << 16];
        private final ByteArrayOutputStream deflated = new ByteArrayOutputStream(1 << 16);
        private final Adler32 adler = new Adler32();

        Compressor(int width) {
            filtered = new byte[ROWS * (1 + 3 * width)];
            zeros = new byte[3 * width];
        }

        Band band(int[] px, int w, int h, int b) {
            int y0 = b * ROWS, y1 = Math.min(h, y0 + ROWS);
            int n = 0;
            for (int y = y0; y < y1; y++) {
                filtered[n++] = 2; // filter type Up
                int row = y * w;
                if (y == 0) {
                    for (int x = 0; x < w; x++) {
                        int p = px[row + x];
                        filtered[n++] = (byte) (p >> 16);
                        filtered[n++] = (byte) (p >> 8);
                        filtered[n++] = (byte) p;
                    }
                    continue;
                }
                // most pixels equal the one above (white space, the inside of bars): find runs of them with the
                // vectorised mismatch and write their zeros in one fill
                int above = row - w;
                int x = 0;
                while (x < w) {
                    int same = Arrays.mismatch(px, row + x, row + w, px, above + x, above + w);
                    int run = same < 0 ? w - x : same;
                    System.arraycopy(zeros, 0, filtered, n, 3 * run);
                    n += 3 * run;
                    x += run;
                    for (; x < w && px[row + x] != px[above + x]; x++) {
                        int p = px[row + x], q = px[above + x];
                        filtered[n++] = (byte) ((p >> 16) - (q >> 16));
                        filtered[n++] = (byte) ((p >> 8) - (q >> 8));
                        filtered[n++] = (byte) (p - q);
                    }
                }
            }
            adler.reset();
            adler.update(filtered, 0, n);
            deflater.reset();
            deflater.setInput(filtered, 0, n);
            deflated.reset();
            while (true) {
                int k = deflater.deflate(chunk, 0, chunk.length, Deflater.FULL_FLUSH);
                deflated.write(chunk, 0, k);
                if (k < chunk.length) break;
            }
            return new Band(deflated.toByteArray(), (int) adler.getValue(), n);
        }

        void end() {
            deflater.end();
        }
    }
}
