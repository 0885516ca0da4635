package io.jwire.architecture;

import io.jwire.WireScheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on sdk-java's production classes (its own class directory or
 * jar, never the tests): arrows only point down, no public signature exposes
 * {@code io.jwire.internal}, and sdk-java names no epoll, JNA or Kotlin type.
 *
 * <p>Known violations in production code are listed in {@link #KNOWN_VIOLATIONS}, each with the
 * origin, the target and why; remove an entry once the production code is fixed (the test then
 * keeps it fixed). An entry that no longer matches anything fails the test, so the list cannot
 * go stale.
 */
class LayeringTest {
    private static final String CORE = "io.jwire";
    private static final String SPI = "io.jwire.spi";
    private static final String INTERNAL = "io.jwire.internal";
    private static final String SYNC = "io.jwire.sync";
    private static final String CHANNELS = "io.jwire.channels";
    private static final String IO = "io.jwire.io";
    /** The packages whose public types are API. */
    private static final List<String> API_PACKAGES = List.of(CORE, SYNC, CHANNELS, IO, SPI);
    /** Packages of the JDK that any layer may use (Continuation lives in jdk.internal.vm). */
    private static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.management");

    /**
     * Violations found in production code, as "origin class -> target class", with the reason the
     * rule is narrowed for them. Empty means every rule holds without exception.
     */
    static final Map<String, String> KNOWN_VIOLATIONS = Map.of();

    private static final JavaClasses SDK_JAVA = new ClassFileImporter()
            .importLocations(Set.of(Location.of(WireScheduler.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void theImportSeesSdkJavaAndOnlyIt() {
        List<String> packages = SDK_JAVA.stream().map(JavaClass::getPackageName).distinct().sorted().toList();
        for (String p : List.of(CORE, SPI, INTERNAL, SYNC, CHANNELS, IO)) {
            if (!packages.contains(p)) {
                throw new AssertionError("no class of " + p + " imported; packages seen: " + packages);
            }
        }
        for (String p : packages) {
            if (!p.equals(CORE) && !p.startsWith(CORE + ".")) {
                throw new AssertionError("a class outside io.jwire was imported from sdk-java's classes: " + p);
            }
        }
    }

    @Test
    void spiDependsOnNoOtherJwirePackage() {
        check(classes().that().resideInAPackage(SPI).should(dependOnlyOnJdkAnd(SPI))
                .because("the poller SPI is the bottom of the API: other modules implement it"));
    }

    @Test
    void internalDependsOnlyOnSpi() {
        check(classes().that().resideInAPackage(INTERNAL).should(dependOnlyOnJdkAnd(INTERNAL, SPI))
                .because("the switch layer, timers and waits sit below the scheduler (DESIGN.md layers 1-3)"));
    }

    @Test
    void coreDependsOnlyOnInternalAndSpi() {
        check(classes().that().resideInAPackage(CORE).should(dependOnlyOnJdkAnd(CORE, INTERNAL, SPI))
                .because("wires, scheduler and waits know nothing of channels, sync or delegated I/O"));
    }

    @Test
    void syncDependsOnlyOnCoreInternalAndSpi() {
        check(classes().that().resideInAPackage(SYNC).should(dependOnlyOnJdkAnd(SYNC, CORE, INTERNAL, SPI))
                .because("locks, semaphores and pools are built on the wait layer, beside channels and I/O"));
    }

    @Test
    void channelsDependOnlyOnCoreInternalAndSpi() {
        check(classes().that().resideInAPackage(CHANNELS).should(dependOnlyOnJdkAnd(CHANNELS, CORE, INTERNAL, SPI))
                .because("channels and select are built on the wait layer, beside sync and I/O"));
    }

    @Test
    void ioDependsOnlyOnCoreInternalAndSpi() {
        check(classes().that().resideInAPackage(IO).should(dependOnlyOnJdkAnd(IO, CORE, INTERNAL, SPI))
                .because("delegated I/O is built on the wait layer, beside sync and channels"));
    }

    @Test
    void noPublicSignatureOfAnApiTypeExposesInternal() {
        check(classes().that().resideInAnyPackage(API_PACKAGES.toArray(String[]::new))
                .should(notExposeInternalTypesInTheirApi())
                .because("io.jwire.internal is not API: it is exported only to jwire's own modules"));
    }

    @Test
    void sdkJavaNamesNoEpollJnaOrKotlinType() {
        check(noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.jwire.epoll..", "com.sun.jna..", "kotlin..", "kotlinx..")
                .because("sdk-java depends on the JDK alone; epoll plugs in through the poller SPI"));
        check(noClasses().should().resideInAnyPackage("io.jwire.epoll..", "io.jwire.kotlin.."));
    }

    @Test
    void everyKnownViolationStillExists() {
        List<String> stale = new ArrayList<>();
        for (String known : KNOWN_VIOLATIONS.keySet()) {
            String[] parts = known.split(" -> ");
            boolean found = SDK_JAVA.stream().filter(c -> c.getName().equals(parts[0]))
                    .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                    .anyMatch(d -> d.getTargetClass().getBaseComponentType().getName().equals(parts[1]))
                    || SDK_JAVA.stream().filter(c -> c.getName().equals(parts[0]))
                    .anyMatch(c -> exposedInternalTypes(c).stream().anyMatch(e -> e.endsWith(parts[1])));
            if (!found) {
                stale.add(known);
            }
        }
        if (!stale.isEmpty()) {
            throw new AssertionError("known violations that no longer occur; remove them from KNOWN_VIOLATIONS: " + stale);
        }
    }

    /** The conditions themselves can fail: on fixture classes that break them on purpose. */
    @Test
    void theConditionsCatchViolationsInFixtures() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(Fixtures.Exposing.class, Fixtures.Hidden.class,
                Fixtures.UsesSync.class);
        JavaClass exposing = fixtures.get(Fixtures.Exposing.class);
        assertEquals(List.of(
                        exposing.getName() + " extends: io.jwire.internal.Timer",
                        exposing.getName() + ".copy() returns: io.jwire.internal.WaitQueue",
                        exposing.getName() + ".heap() returns: io.jwire.internal.TimerHeap",
                        exposing.getName() + ".queues(java.util.List) parameter: io.jwire.internal.WaitQueue",
                        exposing.getName() + ".waiter type: io.jwire.internal.Waiter"),
                exposedInternalTypes(exposing).stream().sorted().toList());
        assertEquals(List.of(), exposedInternalTypes(fixtures.get(Fixtures.Hidden.class)), "not visible outside its package");
        assertThrows(AssertionError.class, () -> classes().should(dependOnlyOnJdkAnd(CORE)).check(
                new ClassFileImporter().importClasses(Fixtures.UsesSync.class)));
    }

    // ---------------------------------------------------------------- conditions

    private static void check(ArchRule rule) {
        rule.check(SDK_JAVA);
    }

    private static boolean isJdk(JavaClass c) {
        if (c.isPrimitive()) {
            return true;
        }
        String name = c.getName();
        return JDK_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static boolean isKnown(String origin, String target) {
        return KNOWN_VIOLATIONS.containsKey(origin + " -> " + target);
    }

    /** Every dependency goes to the JDK or to one of {@code packages} (exactly those packages, not subpackages). */
    private static ArchCondition<JavaClass> dependOnlyOnJdkAnd(String... packages) {
        List<String> allowed = Arrays.asList(packages);
        return new ArchCondition<>("depend only on the JDK and " + allowed) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    if (isJdk(target) || allowed.contains(target.getPackageName())
                            || isKnown(c.getName(), target.getName())) {
                        continue;
                    }
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> notExposeInternalTypesInTheirApi() {
        return new ArchCondition<>("not expose io.jwire.internal types in public or protected signatures") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (String exposed : exposedInternalTypes(c)) {
                    String target = exposed.substring(exposed.lastIndexOf(' ') + 1);
                    if (!isKnown(c.getName(), target)) {
                        events.add(SimpleConditionEvent.violated(c, exposed));
                    }
                }
            }
        };
    }

    /**
     * What {@code c} exposes of io.jwire.internal when it is a type visible outside its package:
     * its superclass, interfaces and type parameters, and the types of its public and protected
     * fields, methods and constructors (parameters, return types, thrown types, type arguments
     * included). Each entry reads "where: type".
     */
    static List<String> exposedInternalTypes(JavaClass c) {
        List<String> out = new ArrayList<>();
        if (!isVisibleOutsideItsPackage(c)) {
            return out;
        }
        c.getSuperclass().ifPresent(t -> collect(out, c.getName() + " extends", t));
        c.getInterfaces().forEach(t -> collect(out, c.getName() + " implements", t));
        c.getTypeParameters().forEach(t -> collect(out, c.getName() + " type parameter", t));
        for (JavaField f : c.getFields()) {
            if (isApi(f)) {
                collect(out, f.getFullName() + " type", f.getType());
            }
        }
        for (JavaCodeUnit m : c.getCodeUnits()) {
            if (!isApi(m) || m.getName().equals("<clinit>")) {
                continue;
            }
            collect(out, m.getFullName() + " returns", m.getReturnType());
            m.getParameterTypes().forEach(t -> collect(out, m.getFullName() + " parameter", t));
            m.getThrowsClause().getTypes().forEach(t -> collect(out, m.getFullName() + " throws", t));
            m.getTypeParameters().forEach(t -> collect(out, m.getFullName() + " type parameter", t));
        }
        return out;
    }

    private static void collect(List<String> out, String where, JavaType type) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            JavaClass base = raw.getBaseComponentType();
            if (base.getPackageName().equals(INTERNAL) || base.getPackageName().startsWith(INTERNAL + ".")) {
                out.add(where + ": " + base.getName());
            }
        }
    }

    private static boolean isApi(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        return (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
                && !mods.contains(JavaModifier.SYNTHETIC) && !mods.contains(JavaModifier.BRIDGE);
    }

    private static boolean isVisibleOutsideItsPackage(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            Set<JavaModifier> mods = k.getModifiers();
            if (!mods.contains(JavaModifier.PUBLIC) && !mods.contains(JavaModifier.PROTECTED)) {
                return false;
            }
        }
        return true;
    }
}
