package uk.forcecompare;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

/** A child JVM's main for {@link CompilerDirectivesTest}: adds the directives, then prints the JVM's directive stack. */
public final class CompilerDirectivesProbe {

    private CompilerDirectivesProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("answer: " + CompilerDirectives.keepC2ForHotPaths().orElse("left alone"));
        System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }
}
