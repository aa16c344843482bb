package io.pulseboard.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the passwords of URIs and addresses inside a text before it is shown, logged or put in an
 * error message: {@code redis://:secret@127.0.0.1:6379} becomes {@code redis://:***@127.0.0.1:6379},
 * {@code http://u:secret@h:1} becomes {@code http://u:***@h:1} and {@code u:secret@kafka:9092} becomes
 * {@code u:***@kafka:9092}. A user info without a colon ({@code redis://secret@host}) is masked whole,
 * because Lettuce reads it as a password. The user info reaches to the last {@code @} of a
 * whitespace-delimited word, so that a password holding {@code @}, {@code /} or {@code :} is masked
 * too (at worst more than the password is hidden, never less). A {@code password=} parameter of a
 * URL's query ({@code jdbc:postgresql://h/db?password=secret}) becomes {@code password=***}. Pure
 * functions; thread-safe.
 */
public final class UriPasswords {

    /** What a password is replaced with. */
    public static final String MASK = "***";

    // scheme://userinfo@ ; userinfo greedy to the last '@' before whitespace.
    private static final Pattern WITH_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)(\\S*)@");
    // user:password@ at the start of a word (a bootstrap list entry, a quoted value), without a scheme;
    // not "redis://..." itself, whose "//" marks a scheme that the first pattern handled.
    private static final Pattern WITHOUT_SCHEME =
            Pattern.compile("(^|[\\s,;'\"(=\\[])([^\\s,;'\"(=\\[:/@]+):(?!//)([^\\s,;]*)@");

    // password=... in a URL's query (a JDBC URL may carry one): to the next '&', quote or whitespace.
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&\\s'\"]*");

    private UriPasswords() {}

    /**
     * @param text any text, e.g. an error message quoting a value; null gives null
     * @return the text with every password of a URI or {@code user:password@host} address replaced by
     *     {@value #MASK}; the same text when it holds none
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text.indexOf('@') < 0 ? text : maskUserInfo(text);
        return masked.toLowerCase(java.util.Locale.ROOT).contains("password=")
                ? QUERY_PASSWORD.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK))
                : masked;
    }

    private static String maskUserInfo(String text) {
        Matcher scheme = WITH_SCHEME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (scheme.find()) {
            scheme.appendReplacement(
                    out, Matcher.quoteReplacement(scheme.group(1) + maskedUserInfo(scheme.group(2)) + "@"));
        }
        scheme.appendTail(out);
        Matcher bare = WITHOUT_SCHEME.matcher(out.toString());
        StringBuilder result = new StringBuilder();
        while (bare.find()) {
            bare.appendReplacement(result, Matcher.quoteReplacement(bare.group(1) + bare.group(2) + ":" + MASK + "@"));
        }
        bare.appendTail(result);
        return result.toString();
    }

    private static String maskedUserInfo(String userInfo) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return MASK;
        }
        String user = userInfo.substring(0, colon);
        // A user part with '@' or '/' means the boundaries are unclear: hide it all.
        return user.indexOf('@') >= 0 || user.indexOf('/') >= 0 ? MASK : user + ":" + MASK;
    }
}
