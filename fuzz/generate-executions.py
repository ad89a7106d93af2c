"""Regenerates fuzz/pom.xml's per-target surefire executions from fuzz/targets.txt."""
import os, re
HERE = os.path.dirname(os.path.abspath(__file__))
targets=[l.split() for l in open(os.path.join(HERE, 'targets.txt')) if l.strip() and not l.startswith('#')]
out=[]
for t in targets:
    test=t[0]; extra=t[1] if len(t)>1 else ''
    cls,meth=test.split('#')
    eid='fuzz-'+re.sub(r'([a-z])([A-Z])',r'\1-\2',cls.split('.')[-1].replace('FuzzTest','')).lower()+'-'+meth.lower()
    inst='dev.rootguard.**'+(','+extra if extra else '')
    out.append(f'''          <execution>
            <id>{eid}</id>
            <phase>test</phase>
            <goals><goal>test</goal></goals>
            <configuration>
              <skipTests>${{fuzz.skip}}</skipTests>
              <test>{test}</test>
              <environmentVariables><JAZZER_FUZZ>1</JAZZER_FUZZ></environmentVariables>
              <systemPropertyVariables>
                <jazzer.instrument>{inst}</jazzer.instrument>
                <jazzer.max_duration>${{fuzz.duration}}</jazzer.max_duration>
                <jazzer.coverage_report>${{fuzz.coverage.{eid}}}</jazzer.coverage_report>
              </systemPropertyVariables>
              <reportsDirectory>${{project.build.directory}}/fuzz-reports/{eid}</reportsDirectory>
            </configuration>
          </execution>''')
p=os.path.join(HERE, 'pom.xml')
s=open(p).read()
start=s.index('          <!-- Then one forked run')
start=s.index('\n',start)+1
end=s.index('        </executions>')
s=s[:start]+'\n'.join(out)+'\n'+s[end:]
prof = []
for t in targets:
    cls, meth = t[0].split('#')
    eid = 'fuzz-'+re.sub(r'([a-z])([A-Z])',r'\1-\2',cls.split('.')[-1].replace('FuzzTest','')).lower()+'-'+meth.lower()
    prof.append(f'        <fuzz.coverage.{eid}>${{project.build.directory}}/fuzz-reports/{eid}/coverage.txt</fuzz.coverage.{eid}>')
start = s.index('      <properties><!-- generated: coverage report paths -->')
start = s.index('\n', start) + 1
end = s.index('      </properties><!-- end generated -->')
s = s[:start] + '\n'.join(prof) + '\n' + s[end:]
empty = [l.split('>')[0] + '/>' for l in prof]
start = s.index('<!-- begin generated defaults -->')
start = s.index('\n', start) + 1
end = s.index('    <fuzz.coverage.end/>')
s = s[:start] + '\n'.join(l.replace('        <', '    <', 1) for l in empty) + '\n' + s[end:]
open(p,'w').write(s)
