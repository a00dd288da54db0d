package dev.breaker.spring.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;

/**
 * Every property that {@link BreakerProperties} binds, read from its getters, so that a name
 * written under {@code breaker} can be told known or unknown, and a mistyped one matched with
 * the property that was most likely meant.
 */
final class BreakerPropertyTree {

    static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("breaker");

    private static final Node TREE = group(BreakerProperties.class);

    private BreakerPropertyTree() {
    }

    /**
     * @param name a name under {@code breaker}, such as
     * {@code breaker.instances.payment.wait-in-open}
     * @return the type the property binds to, or {@code null} when no property with a value has
     * that name
     */
    static @Nullable Class<?> typeOf(ConfigurationPropertyName name) {
        return (find(name) instanceof Leaf leaf) ? leaf.type() : null;
    }

    /**
     * @param name a name under {@code breaker}
     * @return whether the name is that of a group of properties, such as a breaker under
     * {@code breaker.instances}, rather than of a property with a value
     */
    static boolean isGroup(ConfigurationPropertyName name) {
        Node node = find(name);
        return node != null && !(node instanceof Leaf);
    }

    private static @Nullable Node find(ConfigurationPropertyName name) {
        Node node = TREE;
        for (int i = ROOT.getNumberOfElements(); i < name.getNumberOfElements() && node != null; i++) {
            if (!(node instanceof Leaf && name.isNumericIndex(i))) {
                node = child(node, name.getElement(i, Form.UNIFORM));
            }
        }
        return node;
    }

    /**
     * @param name a name under {@code breaker} that {@link #typeOf} does not know
     * @return the known property closest to it, keeping the part of the name that is known
     * and the breaker's name as written
     */
    static String closestTo(ConfigurationPropertyName name) {
        Node node = TREE;
        StringBuilder known = new StringBuilder(ROOT.toString());
        int i = ROOT.getNumberOfElements();
        for (; i < name.getNumberOfElements(); i++) {
            Node next = child(node, name.getElement(i, Form.UNIFORM));
            if (next == null || next instanceof Leaf) {
                break;
            }
            known.append('.').append(name.getElement(i, Form.DASHED));
            node = next;
        }
        List<String> written = new ArrayList<>();
        for (int j = i; j < name.getNumberOfElements(); j++) {
            written.add(name.getElement(j, Form.DASHED));
        }
        List<String> candidates = new ArrayList<>();
        collectLeaves(node, written, 0, "", candidates);
        String closest = ClosestName.to(String.join(".", written), candidates);
        return (closest != null) ? known + "." + closest : known.toString();
    }

    private static void collectLeaves(Node node, List<String> written, int depth, String path, List<String> out) {
        if (node instanceof Leaf) {
            out.add(path);
        }
        else if (node instanceof Named named) {
            String name = (depth < written.size()) ? written.get(depth) : "<name>";
            collectLeaves(named.value(), written, depth + 1, join(path, name), out);
        }
        else if (node instanceof Group group) {
            group.children().forEach((key, child) -> collectLeaves(child, written, depth + 1, join(path, key), out));
        }
    }

    private static String join(String path, String element) {
        return path.isEmpty() ? element : path + "." + element;
    }

    private static @Nullable Node child(Node node, String uniformElement) {
        if (node instanceof Named named) {
            return named.value();
        }
        if (node instanceof Group group) {
            for (Map.Entry<String, Node> entry : group.children().entrySet()) {
                if (uniform(entry.getKey()).equals(uniformElement)) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    private static String uniform(String dashed) {
        return ConfigurationPropertyName.of(dashed).getElement(0, Form.UNIFORM);
    }

    private static Node group(Class<?> type) {
        Map<String, Node> children = new LinkedHashMap<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            Method getter = property.getReadMethod();
            if (getter != null && getter.getDeclaringClass() != Object.class) {
                children.put(DataObjectPropertyName.toDashedForm(property.getName()),
                        node(ResolvableType.forMethodReturnType(getter)));
            }
        }
        return new Group(children);
    }

    private static Node node(ResolvableType type) {
        Class<?> raw = type.toClass();
        if (Map.class.isAssignableFrom(raw)) {
            return new Named(node(type.asMap().getGeneric(1)));
        }
        if (raw.getName().startsWith("dev.breaker.") && !raw.isEnum()) {
            return group(raw);
        }
        return new Leaf(raw);
    }

    private sealed interface Node permits Group, Named, Leaf {
    }

    /** Properties by their dashed names. */
    private record Group(Map<String, Node> children) implements Node {
    }

    /** Entries keyed by a name of the user's choosing, such as a breaker's. */
    private record Named(Node value) implements Node {
    }

    /** A property with a value. */
    private record Leaf(Class<?> type) implements Node {
    }
}
