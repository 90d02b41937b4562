package uk.forcecompare.publication.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The links and images of the site's pages, read from the HTML as a browser would resolve them. */
final class SiteLinks {

    private static final Pattern ATTR = Pattern.compile("<(a|img|link|script|iframe)\\b[^>]*?\\s(href|src)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    record Link(Path page, String tag, String raw, Path target) {
        boolean isImage() {
            return tag.equalsIgnoreCase("img");
        }
    }

    private SiteLinks() {
    }

    /** index.html, methods.html, forces/*.html and indicators/*.html: the pages this package writes. */
    static List<Path> pages(Path folder) {
        List<Path> out = new ArrayList<>();
        out.add(folder.resolve("index.html"));
        if (Files.isRegularFile(folder.resolve(Pages.METHODS_PAGE))) out.add(folder.resolve(Pages.METHODS_PAGE));
        for (String sub : List.of("forces", "indicators")) {
            try (Stream<Path> s = Files.list(folder.resolve(sub))) {
                s.filter(p -> p.toString().endsWith(".html")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Every relative link and image of a page; in-page anchors, data: URLs and other schemes are returned with a null target. */
    static List<Link> of(Path page) {
        String html;
        try {
            html = Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Link> out = new ArrayList<>();
        Matcher m = ATTR.matcher(html);
        while (m.find()) {
            String raw = m.group(3).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
            Path target = null;
            if (!raw.startsWith("#") && !raw.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                String path = raw.replaceFirst("[#?].*$", "");
                target = page.getParent().resolve(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8)).normalize();
            }
            out.add(new Link(page, m.group(1), raw, target));
        }
        return out;
    }
}
