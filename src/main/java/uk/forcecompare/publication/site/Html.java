package uk.forcecompare.publication.site;

/** Escaping and the page frame every page of the site shares: plain HTML and CSS, no script, relative links. */
final class Html {

    private Html() {
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A relative URL path, each segment percent-encoded where it needs to be (ids and slugs rarely do). */
    static String href(String relative) {
        StringBuilder b = new StringBuilder();
        for (byte x : relative.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return esc(b.toString());
    }

    static final String CSS = """
            *,*::before,*::after{box-sizing:border-box}
            body{font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.4;color:#0b0c0c;background:#fff;margin:0}
            .skip{position:absolute;left:-9999px;top:0}
            .skip:focus{left:0;background:#fd0;color:#0b0c0c;padding:.5em;z-index:10}
            header.site{background:#0b0c0c;color:#fff;padding:.75em 1.5em}
            header.site a{color:#fff;font-weight:bold;text-decoration:none;font-size:1.25rem}
            header.site a:focus{background:#fd0;color:#0b0c0c;outline:3px solid #fd0}
            main,.wrap{max-width:1100px;margin:0 auto;padding:1em 1.5em 3em}
            h1{font-size:2rem;line-height:1.2;margin:.5em 0}
            h2{font-size:1.5rem;margin:1.5em 0 .5em;border-top:1px solid #b1b4b6;padding-top:.75em}
            h3{font-size:1.1875rem}
            a{color:#1d70b8;text-decoration:underline;text-underline-offset:.15em}
            a:visited{color:#4c2c92}
            a:hover{color:#003078;text-decoration-thickness:3px}
            a:focus{outline:3px solid transparent;background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
            figure{margin:1em 0}
            figure img{max-width:100%;height:auto;border:1px solid #b1b4b6}
            figcaption{font-weight:bold;margin-bottom:.5em}
            .note{font-size:1rem;color:#0b0c0c}
            .sentence{font-size:1.1875rem;border-left:5px solid #1d70b8;padding-left:.75em}
            table{border-collapse:collapse;margin:1em 0;font-size:1rem}
            caption{text-align:left;font-weight:bold;padding-bottom:.5em}
            th,td{border-bottom:1px solid #b1b4b6;padding:.35em .75em .35em 0;text-align:left;vertical-align:top}
            td.num,th.num{text-align:right}
            .band-above{background:#12436d;color:#fff}
            .band-below{background:#a9d0f5;color:#0b0c0c}
            .band-within{background:#e8e8e8;color:#0b0c0c}
            .band-missing{color:#505a5f;font-style:italic}
            .band-above a{color:#fff}
            .band-above a:focus{color:#0b0c0c}
            .cols{columns:3 14em;padding-left:1.2em}
            details{margin:1em 0}
            summary{color:#1d70b8;cursor:pointer;text-decoration:underline}
            summary:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}
            .spine td,.spine th{padding:.25em .5em;font-size:.9rem}
            .scroll{overflow-x:auto}
            footer{border-top:1px solid #b1b4b6;margin-top:3em;padding-top:1em;font-size:1rem}
            """;

    /** The frame of a page: {@code root} is the relative path back to the site's top ("" or "../"). */
    static String page(String title, String root, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + "</title>\n"
                + "<link rel=\"icon\" href=\"data:,\">\n"
                + "<style>\n" + CSS + "</style>\n</head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">Skip to main content</a>\n"
                + "<header class=\"site\"><a href=\"" + root + "index.html\">force-compare</a></header>\n"
                + "<main id=\"main\">\n" + body + "</main>\n"
                + "<footer><div class=\"wrap\">Figures compare the 43 territorial police forces of England and Wales. A force is "
                + "described as above or below where its value is more than one standard deviation from the "
                + "unweighted mean of forces in England and Wales; this is a rule of thumb, not a statistical test."
                + "</div></footer>\n"
                + "</body>\n</html>\n";
    }
}
