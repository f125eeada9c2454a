// Indexes a JSONL file of articles with Lucene's ArabicAnalyzer on one thread,
// as `rasid index --no-extract --threads 1` indexes it: title and body analysed
// with positions, title, body, id and url stored. Prints the documents added
// and the in-process times. See README.md beside this file.
//
//   javac -cp "$CP" -d /tmp/lucene-bench bench/lucene/LuceneBench.java
//   java -cp "$CP:/tmp/lucene-bench" LuceneBench SAMPLE.jsonl INDEX_DIR [RAM_BUFFER_MB]
//
// CP=/usr/share/java/lucene-core-8.7.0.jar:/usr/share/java/lucene-analyzers-common-8.7.0.jar

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

public final class LuceneBench {
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LuceneBench SAMPLE.jsonl INDEX_DIR [RAM_BUFFER_MB]");
            System.exit(2);
        }
        Path input = Paths.get(args[0]);
        Path dir = Paths.get(args[1]);
        double ramMb = args.length > 2 ? Double.parseDouble(args[2]) : 64.0;

        long start = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(new ArabicAnalyzer());
        config.setRAMBufferSizeMB(ramMb);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        long docs = 0;
        long bytes = 0;
        long line = 0;
        try (FSDirectory fs = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(fs, config);
             BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                Map<String, String> obj;
                try {
                    obj = Json.object(text);
                } catch (IllegalArgumentException e) {
                    System.err.println(input + ":" + line + ": " + e.getMessage());
                    System.exit(1);
                    return;
                }
                String title = obj.getOrDefault("title", "");
                String body = obj.getOrDefault("body", obj.getOrDefault("text", ""));
                String id = obj.getOrDefault("id", Long.toString(line));
                String url = obj.getOrDefault("url", "");
                if (body.isEmpty() && title.isEmpty()) {
                    continue;
                }
                Document doc = new Document();
                doc.add(new StringField("id", id, Field.Store.YES));
                doc.add(new TextField("title", title, Field.Store.NO));
                doc.add(new TextField("body", body, Field.Store.NO));
                doc.add(new StoredField("title_text", title));
                doc.add(new StoredField("body_text", body));
                if (!url.isEmpty()) {
                    doc.add(new StoredField("url", url));
                }
                writer.addDocument(doc);
                docs++;
                bytes += text.length();
            }
            long added = System.nanoTime();
            writer.commit();
            long committed = System.nanoTime();
            System.out.printf("docs %d%nchars_read %d%nindex_s %.3f%ncommit_s %.3f%n", docs, bytes,
                    (added - start) / 1e9, (committed - added) / 1e9);
            System.out.printf("docs_per_s %.0f%n", docs / ((committed - start) / 1e9));
        }
    }

    /** A minimal reader for one flat JSON object per line (string, number, bool, null values). */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Map<String, String> object(String s) {
            Json p = new Json(s);
            Map<String, String> out = new HashMap<>();
            p.ws();
            p.expect('{');
            p.ws();
            if (p.peek() == '}') {
                return out;
            }
            while (true) {
                p.ws();
                String key = p.string();
                p.ws();
                p.expect(':');
                p.ws();
                String value = p.value();
                if (value != null) {
                    out.put(key, value);
                }
                p.ws();
                char c = p.next();
                if (c == '}') {
                    return out;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or } at column " + p.i);
                }
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end of line");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c + " at column " + i);
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        /** A string, number, bool or null; nested values are skipped (null). */
        private String value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '{' || c == '[') {
                skipNested();
                return null;
            }
            int start = i;
            while (i < s.length() && ",}] \t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String word = s.substring(start, i);
            return word.equals("null") ? null : word;
        }

        private void skipNested() {
            int depth = 0;
            do {
                char c = next();
                if (c == '"') {
                    i--;
                    string();
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            } while (depth > 0);
        }

        private String string() {
            expect('"');
            StringBuilder b = null;
            int start = i;
            while (true) {
                char c = next();
                if (c == '"') {
                    return b == null ? s.substring(start, i - 1) : b.toString();
                }
                if (c == '\\') {
                    if (b == null) {
                        b = new StringBuilder(s.length() - start);
                        b.append(s, start, i - 1);
                    }
                    char e = next();
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u':
                            if (i + 4 > s.length()) {
                                throw new IllegalArgumentException("short \\u escape at column " + i);
                            }
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                            break;
                        default: b.append(e);
                    }
                } else if (b != null) {
                    b.append(c);
                }
            }
        }
    }
}
